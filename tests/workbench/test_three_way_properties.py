"""The three-way reading of changes, against a model that knows what was done to the text.

The model builds the compromise itself from the base: it applies some of a proposal's changes
(those must read accepted), writes other words by hand over some others (conflict), and leaves
the rest alone (pending). Texts are Latin, Chinese, Arabic, French, Russian, or all mixed.

Words are not repeated within a text here: where the same words stand twice a few words apart,
"which of the two did the compromise change" has two right answers, and the model knows only
the one it made. (Repeated words are exercised in test_engine_properties and the sample flows.)
"""

from __future__ import annotations

from engine_samples import edit_record
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from test_engine_properties import PUNCTUATION, WORDS

from workbench.base_trace import traced_alignment
from workbench.changes import ProposedChange, clash, proposal_changes
from workbench.diff import is_word, tokenize
from workbench.model import ChangeState, EditKind
from workbench.three_way import BaseMap

SETTINGS = settings(
    max_examples=int(__import__("os").environ.get("TW_EXAMPLES", "300")), deadline=None
)
# Typed by hand: rare characters of a script written without spaces, each its own token, so
# what is typed never runs into the words beside it (Latin typed after "Internet" would).
JUNK = ["龘", "靐", "齉", "麤", "爩", "鱻", "驫"]
VOCABULARY = sorted({word for words in WORDS.values() for word in words})


@st.composite
def texts_and_words(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A text of distinct words (any scripts, mixed), and the words left unused for edits."""
    order = draw(st.permutations(VOCABULARY))
    count = draw(st.integers(1, 14))
    gaps = draw(st.lists(st.sampled_from(PUNCTUATION), min_size=count, max_size=count))
    return "".join(w + g for w, g in zip(order[:count], gaps, strict=True)), list(order[count:])


@st.composite
def edited(draw: st.DrawFn, base: str, spare: list[str]) -> str:
    """The base with a few words deleted, replaced or inserted; new words are taken (and
    removed) from `spare`, so they stand nowhere else."""
    words = base.split(" ")
    for _ in range(draw(st.integers(0, 4))):
        position = draw(st.integers(0, len(words)))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        if action == "delete" and position < len(words):
            del words[position]
        elif spare:
            word = spare.pop(draw(st.integers(0, len(spare) - 1)))
            if action == "replace" and position < len(words):
                words[position] = word
            else:
                words.insert(position, word)
    return " ".join(words)


def _apply(base: str, pieces: list[tuple[ProposedChange, str]]) -> str:
    """The base with each (change, new words) spliced in at the change's place."""
    out = []
    position = 0
    for change, words in sorted(pieces, key=lambda p: (p[0].base_start, p[0].base_end)):
        out.append(base[position : change.base_start])
        out.append(words)
        position = change.base_end
    out.append(base[position:])
    return "".join(out)


def _hand_words(change: ProposedChange, junk: str) -> str:
    """Words typed by hand over the change's place: its shape, every word and mark another."""
    shape = change.text or change.base_text
    tokens = list(tokenize(shape))
    replaced = [token if token.isspace() else junk for token in tokens]
    if replaced == tokens:  # only white space: type a word at it
        replaced.insert(0, junk)
    return "".join(replaced)


@SETTINGS
@given(st.data())
def test_each_change_reads_as_the_model_made_it(data: st.DataObject) -> None:
    base, spare = data.draw(texts_and_words())
    proposal = data.draw(edited(base, spare))
    changes = proposal_changes(base, proposal)
    assume(changes)
    assume(_new_words(base, changes))
    fates = data.draw(
        st.lists(
            st.sampled_from(["pending", "accepted", "hand"]),
            min_size=len(changes),
            max_size=len(changes),
        )
    )
    pieces = []
    for index, (change, fate) in enumerate(zip(changes, fates, strict=True)):
        if fate == "accepted":
            pieces.append((change, change.text))
        elif fate == "hand":
            pieces.append((change, _hand_words(change, JUNK[index % len(JUNK)])))
    compromise = _apply(base, pieces)
    base_map = BaseMap(base, compromise)
    for change, fate in zip(changes, fates, strict=True):
        others = [c for c in changes if c is not change]
        placed = base_map.place(change, others)
        expected = {
            "pending": ChangeState.PENDING,
            "accepted": ChangeState.ACCEPTED,
            "hand": ChangeState.CONFLICT,
        }[fate]
        assert placed.state is expected, (change, fate, compromise)
        if fate == "pending":
            # Where it sits: the base's words it replaces, and taking it gives its words.
            assert compromise[placed.start : placed.end] == change.base_text
        if fate == "accepted":
            assert compromise[placed.start : placed.end] == change.text
        # Taking it (pending or conflict) makes it read accepted, the others as they were.
        if fate != "accepted":
            taken = compromise[: placed.start] + placed.taken + compromise[placed.end :]
            again = BaseMap(base, taken)
            assert again.place(change, others).state is ChangeState.ACCEPTED
            for other, other_fate in zip(changes, fates, strict=True):
                if other is change or other_fate != "pending":
                    continue
                assert again.place(other, [c for c in changes if c is not other]).state in (
                    ChangeState.PENDING,
                    ChangeState.ACCEPTED,  # it made the same words appear
                )


@SETTINGS
@given(st.data())
def test_changes_of_two_proposals_accepted_in_any_order(data: st.DataObject) -> None:
    """Taking changes of two proposals one by one, in any order, as the workbench does (each a
    splice in the log, the base traced through them): each one taken reads accepted from then
    on, one clashing with a change taken reads conflict, one apart from all of them stays
    pending (right beside one, with only a space between, either is a fair reading)."""
    base, spare = data.draw(texts_and_words())
    first = proposal_changes(base, data.draw(edited(base, spare)))
    second = proposal_changes(base, data.draw(edited(base, spare)))
    every = list(dict.fromkeys([*first, *second]))
    assume(every)
    assume(_new_words(base, every))
    order = data.draw(st.permutations(range(len(every))))
    taken: list[ProposedChange] = []
    log = [edit_record(1, EditKind.INITIAL, base, inserted=base)]
    for index in order:
        change = every[index]
        compromise = log[-1].text_after
        assert compromise == _apply(base, [(c, c.text) for c in taken])
        base_map = BaseMap(base, compromise, traced_alignment(base, log))
        placed = base_map.place(change, every)
        if _apply(base, [(c, c.text) for c in [*taken, change]]) == compromise:
            continue  # taking it changes nothing: its words are there already
        if any(clash(change, c, base) for c in taken):
            assert placed.state in (ChangeState.CONFLICT, ChangeState.ACCEPTED)
            continue
        if any(_beside(base, change, c) for c in taken):
            # Right beside a change taken, a space between them may be read on either side:
            # where its words would go is a fair reading either way, so it is not taken here.
            assert placed.state in (ChangeState.PENDING, ChangeState.CONFLICT)
            continue
        assert placed.state is ChangeState.PENDING, (change, taken, compromise)
        taken.append(change)
        after = compromise[: placed.start] + placed.taken + compromise[placed.end :]
        assert after == _apply(base, [(c, c.text) for c in taken])
        log.append(
            edit_record(
                len(log) + 1,
                EditKind.ACCEPT,
                after,
                start=placed.start,
                end=placed.end,
                inserted=placed.taken,
            )
        )
        again = BaseMap(base, after, traced_alignment(base, log))
        for done in taken:
            assert again.place(done, every).state is ChangeState.ACCEPTED, (done, taken, after)


def _beside(base: str, one: ProposedChange, other: ProposedChange) -> bool:
    """The two changes' places meet, or only white space lies between them."""
    low, high = sorted([(one.base_start, one.base_end), (other.base_start, other.base_end)])
    return not base[low[1] : high[0]].strip()


def _new_words(base: str, changes: list[ProposedChange]) -> bool:
    """No change brings words the base already has (a diff may move a word to another change:
    then which of the two stands where has two right answers). A bracket counts as a word:
    the diff aligns it like one ("access, all [" -> "[ doit" keeps the base's "[")."""
    words = {token for token in tokenize(base) if _aligned(token)}
    return not any(_aligned(t) and t in words for c in changes for t in tokenize(c.text))


def _aligned(token: str) -> bool:
    return is_word(token) or token in "[]{}"
