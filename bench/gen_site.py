#!/usr/bin/env python3
"""Writes a deterministic synthetic website of N pages for privlint's benchmarks.

    bench/gen_site.py N OUT_DIR

Pages are realistic HTML of 10-60 KB: navigation, long Dutch text, tables, inline scripts and
styles. About 10% carry a form that asks for personal data (half of them link to the privacy
statement), about 60% load Google Analytics or another tracker, a few are privacy statements,
and 5% are Markdown sources. The same N always gives the same bytes (fixed seed), and the
seed does not depend on N: a smaller site is the first pages of a larger one, so the sizes
differ in the number of pages and not in their mix.
"""
import os
import random
import sys

WORDS = ("de het een van en in op te dat die voor met zijn aan er niet ook als bij door naar om "
         "bakkerij brood klant bestelling levering ochtend vers meel molen dorp winkel taart feest "
         "gegevens website pagina nieuws aanbieding recept seizoen oven deeg smaak kwaliteit service "
         "vakmanschap traditie familie zaterdag openingstijden adres telefoon vragen route parkeren").split()
TRACKERS = [
    '<script async src="https://www.googletagmanager.com/gtag/js?id=G-BENCH"></script>'
    "<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}gtag('js',new Date());gtag('config','G-BENCH');</script>",
    '<script src="https://connect.facebook.net/en_US/fbevents.js"></script><script>fbq(\'init\', \'123\');</script>',
    '<iframe src="https://www.youtube.com/embed/bench" title="video"></iframe>',
    '<script src="https://static.hotjar.com/c/hotjar-1.js"></script>',
]
STATEMENT = """<h1>Privacyverklaring Bakkerij Bench</h1>
<p>Bakkerij Bench B.V. (KvK 12345678) is verantwoordelijk voor de verwerking van uw persoonsgegevens.</p>
<p>Contact: Molenstraat 1, 1234 AB Dorp, privacy@bench.example, 0318-123456.</p>
<p>Wij gebruiken uw adres om uw bestelling te bezorgen. Wij delen uw gegevens met onze boekhouder en Google.</p>
<p>Facturen bewaren wij 7 jaar, omdat de Belastingdienst dat eist.</p>
<p>U heeft recht op inzage, correctie en verwijdering, en u kunt bezwaar maken. Toestemming kunt u altijd intrekken.</p>
<p>Een klacht kunt u indienen bij de Autoriteit Persoonsgegevens.</p>
<p>Wij verwerken uw adres voor de uitvoering van de overeenkomst; zonder adres kunnen wij niet bezorgen.</p>
<p>Wij gebruiken analytische cookies om het aantal bezoekers te meten.</p>"""


def sentence(rng):
    n = rng.randint(6, 18)
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def paragraph(rng):
    return "<p>" + " ".join(sentence(rng) for _ in range(rng.randint(3, 8))) + "</p>\n"


def table(rng):
    rows = "".join("<tr>" + "".join(f"<td>{rng.choice(WORDS)} {rng.randint(1, 999)}</td>" for _ in range(5)) + "</tr>\n"
                   for _ in range(rng.randint(5, 20)))
    return f"<table>{rows}</table>\n"


def form(rng, linked):
    link = '<p>Lees onze <a href="/privacy/">privacyverklaring</a>.</p>' if linked else ""
    return ('<form action="/verstuur" method="post"><label for="n">Naam</label><input id="n" name="naam">'
            '<input type="email" name="email" placeholder="E-mailadres"><textarea name="bericht"></textarea>'
            f'{link}<button>Verstuur</button></form>\n')


def page(rng, i, size):
    nav = "<nav>" + "".join(f'<a href="/pagina-{rng.randint(0, 9999)}/">{rng.choice(WORDS)}</a>' for _ in range(30)) + "</nav>\n"
    script = "<script>" + "var x" + str(i) + " = [" + ",".join(str(rng.randint(0, 99999)) for _ in range(200)) + "];</script>\n"
    style = "<style>" + "".join(f".c{j}{{margin:{j}px;color:#{rng.randint(0, 0xffffff):06x}}}" for j in range(60)) + "</style>\n"
    head = f"<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>Pagina {i} - Bakkerij Bench</title>{style}"
    if rng.random() < 0.6:
        head += rng.choice(TRACKERS)
    head += "</head><body>\n"
    body = [nav, f"<h1>{sentence(rng)}</h1>\n"]
    if rng.random() < 0.10:
        body.append(form(rng, linked=rng.random() < 0.5))
    while sum(len(b) for b in body) + len(head) < size:
        r = rng.random()
        body.append(table(rng) if r < 0.1 else paragraph(rng) if r < 0.9 else f"<h2>{sentence(rng)}</h2>\n")
    body.append(script)
    body.append('<footer><a href="/privacy/">Privacy</a></footer></body></html>\n')
    return head + "".join(body)


def main():
    n = int(sys.argv[1])
    out = sys.argv[2]
    rng = random.Random(20261129)
    os.makedirs(os.path.join(out, "privacy"), exist_ok=True)
    with open(os.path.join(out, "privacy", "index.html"), "w", encoding="utf-8") as f:
        f.write(f"<!DOCTYPE html><html><head><title>Privacyverklaring</title>{TRACKERS[0]}</head><body>{STATEMENT}</body></html>")
    for i in range(n - 1):
        folder = os.path.join(out, f"d{i % 100:02d}")
        os.makedirs(folder, exist_ok=True)
        size = rng.randint(10_000, 60_000)
        if i % 20 == 19:
            with open(os.path.join(folder, f"bron-{i}.md"), "w", encoding="utf-8") as f:
                f.write(f"---\ntitle: Bron {i}\n---\n\n# {sentence(rng)}\n\n" + "\n\n".join(sentence(rng) for _ in range(size // 100)) + "\n")
        else:
            with open(os.path.join(folder, f"pagina-{i}.html"), "w", encoding="utf-8") as f:
                f.write(page(rng, i, size))


if __name__ == "__main__":
    main()
