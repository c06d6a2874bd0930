"""Rendezvous hashing: every worker computes the same replica for a conversation, the
conversations spread over the replicas, and adding a replica moves only about 1/N of them."""

from __future__ import annotations

from collections import Counter

from api.conversation.replicas import ranked

IDS = [f"{n:032x}" for n in range(3000)]
THREE = ["http://rasa-1:5005", "http://rasa-2:5005", "http://rasa-3:5005"]


def test_the_order_is_a_function_of_the_id_and_the_replicas_only() -> None:
    assert ranked(IDS[0], THREE) == ranked(IDS[0], list(reversed(THREE)))
    assert sorted(ranked(IDS[0], THREE)) == sorted(THREE)


def test_conversations_spread_over_the_replicas() -> None:
    homes = Counter(ranked(c, THREE)[0] for c in IDS)
    assert set(homes) == set(THREE)
    assert all(800 < count < 1200 for count in homes.values())  # about 1000 each


def test_adding_a_replica_moves_about_one_in_n_and_only_to_it() -> None:
    four = [*THREE, "http://rasa-4:5005"]
    moved = [c for c in IDS if ranked(c, THREE)[0] != ranked(c, four)[0]]
    assert all(ranked(c, four)[0] == four[3] for c in moved)
    assert 600 < len(moved) < 900  # about a quarter of 3000


def test_removing_a_replica_moves_only_its_own_conversations_to_their_next() -> None:
    two = THREE[:2]
    for conversation_id in IDS:
        before = ranked(conversation_id, THREE)
        if before[0] != THREE[2]:
            assert ranked(conversation_id, two)[0] == before[0]
        else:
            assert ranked(conversation_id, two)[0] == before[1]
