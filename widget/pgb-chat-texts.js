/*
 * pgb-assistent chat widget: everything a person reads, in Dutch at B1 level.
 * The api's own notes (who joined, who left) come from the api (api/texts.yml), not from here.
 */
export var T = {
  launcher: "Chat met ons",
  launcherSr: " over het pgb",
  unread: " (nieuw bericht)",
  title: "pgb-assistent",
  subtitle: "Digitale hulp bij het pgb",
  newConversation: "Nieuw gesprek",
  close: "Chat sluiten",
  log: "Gesprek",
  inputLabel: "Uw bericht",
  placeholder: "Typ uw vraag…",
  send: "Verstuur",
  welcome:
    "Hallo! Ik ben de digitale pgb-assistent. Ik beantwoord vragen over het persoonsgebonden budget (pgb). Stel uw vraag in uw eigen woorden.",
  privacy:
    "Privacy: we bewaren dit gesprek, maar halen gegevens zoals uw BSN, telefoonnummer en adres eruit.",
  privacyLink: "Lees meer over privacy",
  typing: "De assistent typt…",
  who: { user: "U", bot: "Assistent", advisor: "Mantelzorgmakelaar", system: "Melding" },
  options: "Antwoordmogelijkheden",
  newTab: " (opent in een nieuw tabblad)",
  networkError:
    "Het lukt nu niet om de assistent te bereiken. Controleer uw internetverbinding of probeer het over een paar minuten opnieuw.",
  serverError: "Sorry, er is een storing bij de assistent. Probeert u het over een paar minuten opnieuw.",
  requestError: "Dit bericht kon niet worden verstuurd.",
  retry: "Opnieuw proberen",
  notSent: "Niet verstuurd",
  waiting: "Wacht op een mantelzorgmakelaar…",
  withAdvisor: function (name) {
    return name ? "U praat met " + name + ", mantelzorgmakelaar" : "U praat met een mantelzorgmakelaar";
  },
  newStarted: "Nieuw gesprek gestart.",
  feedbackQuestion: "Heeft dit antwoord u geholpen?",
  feedbackYes: "Ja",
  feedbackNo: "Nee",
  feedbackAsk: "Onder het antwoord kunt u zeggen of het u heeft geholpen.",
  feedbackCommentLabel: "Wat miste u? Dit mag u leeg laten.",
  feedbackSend: "Versturen",
  feedbackSkip: "Overslaan",
  feedbackThanks: "Bedankt voor uw reactie.",
  feedbackError: "Uw reactie kon niet worden verstuurd. Probeer het opnieuw.",
  cbUnavailable:
    "Het formulier om teruggebeld te worden kon niet worden geladen. Controleer uw internetverbinding en probeer het later opnieuw.",
};
