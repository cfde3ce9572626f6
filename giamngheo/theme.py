"""Colours and type shared by charts, maps and exports: colour-blind-safe (Okabe-Ito), large enough
to read from the back of a meeting room."""

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]

POOR = "#D55E00"
NEAR_POOR = "#0072B2"
INK = "#1f2933"
# "Source Sans" is the font Streamlit serves itself (offline); exports fall back to DejaVu Sans.
FONT_FAMILY = "Source Sans, DejaVu Sans, sans-serif"
FONT_SIZE = 18

DIMENSION_COLOURS = {
    "viec_lam": OKABE_ITO[1],
    "y_te": OKABE_ITO[5],
    "giao_duc": OKABE_ITO[2],
    "nha_o": OKABE_ITO[3],
    "nuoc_ve_sinh": OKABE_ITO[4],
    "nuoc_ve_sinh_moi_truong": OKABE_ITO[4],
    "thong_tin": OKABE_ITO[0],
}
