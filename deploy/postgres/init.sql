-- Rasa's tracker store lives in its own database next to the api's (pgb_api, POSTGRES_DB).
-- Runs once, when the data volume is created.
CREATE DATABASE pgb_tracker OWNER pgb;
