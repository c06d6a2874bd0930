"""The words that ground a refusal, a reclaim or a dispute (bot/understanding.py), and the
answer on living at home or in an institution with a Wlz indication.

The first three intents hand the person over without an answer (data/rules/handoff.yml), so when
the classifier is not sure of one (below SURE), the message must also say what was decided,
reclaimed or disputed; otherwise the next reading of the ranking is taken ("mag mijn
zorgverlener ook op zondag werken?" was a dispute at 0.43). Blind handoff messages
(tests/evaluation/person_situations.yml, seen half): 3 of 46 ordinary questions were handed over
this way. The words cover the training examples of these intents that the classifier is less
sure of.

The Wlz answer drew stories about care at home in general ("... komt volgende week thuis uit het
revalidatiecentrum. ... kan dat met een pgb" at 0.54): not sure of it, the message must name the
Wlz, its indication or an institution.
"""

from __future__ import annotations

import re

from bot.plain import normalise

_WORDS = {
    "report_refusal": re.compile(
        r"\b(afgewezen|afwijz\w*|(wijzen|wijst|wees) (\w+ ){0,6}af|geweigerd|weiger\w*|verla\w*"
        r"|omlaag|minder|ingetrokken|intrek\w*|trekt? (\w+ ){0,6}in|stop ?gezet|stopzet\w*"
        r"|gestopt|stopt|stoppen|beeindig\w*|toegekend|toekennen|verleng\w*|halver\w*|geen recht"
        r"|keurt|goedkeur\w*|omzetten|in plaats van|geworden|bezwaar|beroep|beschikking|besluit"
        r"|beslissing|herindicatie|gekort|korten|lager|afgekeurd|afkeur\w*|klacht\w*"
        r"|niet (\w+ )?eens|daartegenin|niet (meer )?(krijg\w*|vergoed\w*)|niet (pgb.?)?vaardig"
        r"|mag niet|nee|geen (pgb|\w+ indicatie)|van \d+ naar \d+)\b"
    ),
    "report_conflict": re.compile(
        r"\b(ruzie\w*|\w*conflict\w*|oneens|niet (\w+ )?eens|onenig\w*|meningsverschil|boos|woedend"
        r"|vertrouw\w*|weiger\w*|wil(len|t)? niet|dreig\w*|stopt|stoppen|houdt? (\w+ )?zich niet"
        r"|eist|eisen|klopt (\w+ )?niet|uit de hand|gelijk|meewerk\w*|teken\w*|durf\w*|zwart"
        r"|opgezegd|opzeg\w*|ontsla\w*|ontbind\w*|klacht\w*|problemen?|gedoe|schreeuw\w*"
        r"|schel\w*|scheld\w*|lieg\w*|liegt|ontkent|brutaal|grof|onbeschoft|botsen|clinch|overhoop"
        r"|steelt|pakt|meegenomen|kwijt|klaar mee|te laat|niet opdagen|vergeet|niet (\w+ )?goed"
        r"|niet gewerkt|meer (uren|geld|betaald)|niet mogen|niet betaalt|schuld|ophoudt|steeds"
        r"|andere mensen|niks|niets|onder druk|loon|contant|niet (\w+ ){0,3}betaal\w*"
        # Care going wrong, told as worry: the person should reach someone.
        r"|waarschuw\w*|niemand|vies|vuil\w*|stinkt|zorgen (om|over))\b"
    ),
    "report_reclaim": re.compile(
        r"\b(terug\w*|controle\w*|fraude\w*|boete|sanctie|misbruik|steekproef|onderzoek"
        r"|vorder\w*|te veel|teveel|rekening|beschuldig\w*)\b"
    ),
    "faq_wlz_home_or_institution": re.compile(
        r"\b(wlz|ciz|langdurige zorg|\w*instelling\w*|verpleeghuis\w*|verzorgingshuis\w*|tehuis"
        r"|woonvoorziening\w*|woonvorm\w*|vpt|mpt|pakket thuis|zorgkantoor|opname|opgenomen)\b"
    ),
}
# The intents that need grounds when the classifier is not sure of them.
NEEDS_GROUNDS = frozenset(_WORDS)


def has_grounds(intent: str, text: str) -> bool:
    """Whether the text names what makes it this refusal, reclaim or dispute."""
    return bool(_WORDS[intent].search(normalise(text)))
