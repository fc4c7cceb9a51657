"""Colours the kit's figures share: the Okabe-Ito palette, safe for the common colour-vision deficiencies."""

OKABE_ITO = [
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#000000",  # black
]

# Marker shapes cycle with the colours, so categories stay apart in greyscale and beyond eight.
SYMBOLS = ["circle", "square", "diamond", "triangle-up", "cross", "x", "star", "triangle-down", "hexagon", "pentagon", "hourglass"]


def colour(i: int) -> str:
    return OKABE_ITO[i % len(OKABE_ITO)]


def symbol(i: int) -> str:
    return SYMBOLS[i % len(SYMBOLS)]
