"""Colour checks for the views: WCAG contrast ratios, and colour-vision-deficiency simulation
(Machado, Oliveira and Fernandes 2009, severity 1.0, applied in linear RGB) with CIELAB distances."""

PROTANOPIA = ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998))
DEUTERANOPIA = ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881))
TRITANOPIA = ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900))
SIMULATIONS = {"normal": ((1, 0, 0), (0, 1, 0), (0, 0, 1)), "protanopia": PROTANOPIA, "deuteranopia": DEUTERANOPIA,
               "tritanopia": TRITANOPIA}


def _linear(hex_colour):
    h = hex_colour.lstrip("#")
    out = []
    for i in (0, 2, 4):
        c = int(h[i : i + 2], 16) / 255
        out.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    return out


def luminance(hex_colour):
    r, g, b = _linear(hex_colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg, bg):
    a, b = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def lab(hex_colour, matrix=SIMULATIONS["normal"]):
    rgb = [min(1.0, max(0.0, sum(m * c for m, c in zip(row, _linear(hex_colour))))) for row in matrix]
    r, g, b = rgb
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t):
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e(c1, c2, matrix=SIMULATIONS["normal"]):
    a, b = lab(c1, matrix), lab(c2, matrix)
    return sum((p - q) ** 2 for p, q in zip(a, b)) ** 0.5
