"""Write ``data/sites.csv``: short descriptions of made-up websites, in twelve topics.

The corpus of the text track (tfidf, word_embeddings, recommender). It is generated, not
collected, so that it can be shipped and reused freely and regenerated exactly:
``python data/make_sites.py`` writes the same file every time (the suite checks it).

The grammar. Each topic has a list of words (nouns, then a few verbs and adjectives).
A site's description is three or four sentences; each sentence is a template from
``TEMPLATES`` whose ``{w}`` slots are filled with words drawn from the site's topic and whose
other words are common to every topic. One site in five also has a sentence about a
second topic (its ``second`` column), so that neighbours across topics exist. Site names
are two syllables and a suffix. Everything is drawn from ``random.Random(SEED)``.

Columns: ``site`` (a unique name), ``topic``, ``second`` (empty or another topic), ``text``.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

SEED = 2026
PER_TOPIC = 50
TOPICS = {
    "cooking": "recipe recipes kitchen oven pasta bread sauce flavour spices dinner soup baking "
               "chef ingredients dough garlic butter dessert knife pan | simmer roast bake | savoury tasty",
    "gardening": "garden gardens seeds soil compost roses tomatoes pruning flowers shrubs lawn "
                 "greenhouse bulbs seedlings weeds mulch herbs orchard hedges | plant water prune | "
                 "leafy hardy",
    "astronomy": "telescope telescopes planets stars galaxy nebula orbit comet moon eclipse "
                 "constellations observatory meteor asteroids supernova cosmos sky saturn jupiter | "
                 "observe stargaze | celestial lunar",
    "football": "football match goals striker league referee stadium tactics midfield penalty "
                "keeper fans season transfer coach pitch cup defence derby | score tackle | offside tactical",
    "programming": "code python compiler functions debugging software library algorithms bugs "
                   "programs syntax variables databases api framework developers testing scripts "
                   "repository | compile debug | open-source typed",
    "finance": "money budget savings investing stocks bonds pension taxes interest mortgage "
               "portfolio dividends inflation credit loans banking retirement funds markets | "
               "invest save | financial fiscal",
    "travel": "travel trips flights hotels beaches itinerary passport luggage hostels islands "
              "backpacking destinations tours cruises visas airports resorts maps journeys | "
              "explore book | scenic affordable",
    "music": "music guitar piano songs chords melody rhythm band concerts drums lyrics vinyl "
             "albums orchestra harmony singers jazz scales playlist | compose rehearse | acoustic musical",
    "photography": "camera cameras lens photos portraits exposure aperture shutter tripod "
                   "lighting landscapes editing prints sensor zoom focus flash composition "
                   "darkroom | shoot capture | sharp photographic",
    "fitness": "fitness workout running muscles training stretching yoga cardio strength "
               "weights marathon gym exercises stamina posture recovery protein sprint routine | "
               "train stretch | healthy athletic",
    "history": "history empire castles archives medieval kings battles ancient ruins "
               "archaeology manuscripts dynasties revolution museums chronicles centuries "
               "treaties monuments pharaohs | excavate chronicle | historical ancient",
    "pets": "pets dogs cats puppies kittens vet grooming leash aquarium hamsters parrots "
            "training treats adoption kennel litter collars rabbits breeds | adopt groom | "
            "playful furry",
}
TEMPLATES = [
    "{name} is a site about {n} and {n}.",
    "{name} has guides on {n}, {n} and {n} for beginners.",
    "Learn how to {v} with our {a} {n} tips.",
    "Read weekly articles on {n} and {n}.",
    "Our community shares {a} advice about {n} and {n}.",
    "Find reviews of {n}, {n} and {n} every month.",
    "We explain {n} step by step, with {n} and {n} examples.",
    "Join experts who {v} and discuss {n}.",
    "The best {a} {n} and {n} in one place.",
    "Ask questions about {n}, or {v} with friends who love {n}.",
]
SYLLABLES = "ka lo mi ra ven tor sel nu pa di ber co lan fi ze mor tal vi go ri".split()
SUFFIXES = ["hub", "world", "daily", "zone", "corner", "lab", "notes", "central", "online", "guide"]


def vocabulary(spec: str) -> dict[str, list[str]]:
    nouns, verbs, adjectives = (part.split() for part in spec.split("|"))
    return {"n": nouns, "v": verbs, "a": adjectives}


def sentence(rng: random.Random, template: str, name: str, words: dict[str, list[str]]) -> str:
    out, rest = [], template
    while "{" in rest:
        before, _, rest = rest.partition("{")
        slot, _, rest = rest.partition("}")
        out.append(before)
        out.append(name if slot == "name" else rng.choice(words[slot]))
    out.append(rest)
    return "".join(out)


def sites(seed: int = SEED, per_topic: int = PER_TOPIC) -> list[dict[str, str]]:
    rng = random.Random(seed)
    words = {topic: vocabulary(spec) for topic, spec in TOPICS.items()}
    names, rows = set(), []
    for topic in TOPICS:
        for _ in range(per_topic):
            name = ""
            while not name or name in names:
                name = (rng.choice(SYLLABLES) + rng.choice(SYLLABLES)).capitalize() + rng.choice(SUFFIXES)
            names.add(name)
            templates = [TEMPLATES[0]] + rng.sample(TEMPLATES[1:], rng.choice([2, 3]))
            text = [sentence(rng, t, name, words[topic]) for t in templates]
            second = ""
            if rng.random() < 0.2:
                second = rng.choice([t for t in TOPICS if t != topic])
                text.insert(rng.randrange(1, len(text) + 1),
                            sentence(rng, rng.choice(TEMPLATES[1:]), name, words[second]))
            rows.append({"site": name, "topic": topic, "second": second, "text": " ".join(text)})
    rng.shuffle(rows)
    return rows


def write(path: Path) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=["site", "topic", "second", "text"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(sites())


if __name__ == "__main__":
    write(Path(__file__).with_name("sites.csv"))
