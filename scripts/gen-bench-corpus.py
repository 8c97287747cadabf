#!/usr/bin/env python3
"""Writes crates/core/benches/corpus.json: the benchmark corpus shared by the criterion
benchmarks (crates/core/benches/analyze.rs) and the npm package's benchmark
(pkg/bench/bench.mjs), so both time the same texts.

Real copy is not ASCII: shops paste text with typographic apostrophes and quotes, dashes and
no-break spaces, write in several languages, and long-form pages carry tables, lists and many
links. The corpus has, all with the same SEO title, meta description, slug, keyphrase and
product facts:

- product-{300,1000}-ascii: product copy (the core's readability fixtures) laid out as a
  description, a subheading every three paragraphs and a list every five;
- product-{300,1000}-typographic: the same text with ’ ‘ “ ” – — … and no-break spaces between
  numbers and units, as word processors and CMS editors write it;
- product-{es,de,fr}: product copy (about 200–250 words) written for this corpus in Spanish, German and French
  (accented letters, ¿ ¡ « » „ “);
- longform-page: a ~1,400-word buying guide as the block editor saves it (block comments,
  classes), with two tables, lists, 81 links and typographic punctuation (about 35 KB of
  HTML), the kind of page that is slow to analyze.

Deterministic; run `python3 scripts/gen-bench-corpus.py` after changing it.
"""
import json
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "crates/core/tests/fixtures/readability"
OUT = ROOT / "crates/core/benches/corpus.json"
ORDER = ["simple-mug", "tech-earbuds", "luxury-handbag", "kitchen-skillet", "kids-blocks",
         "outdoor-tent", "cosmetics-serum", "furniture-sofa", "plain-wool-blanket",
         "plain-garden-chair", "plain-coffee-mug"]

META = {
    "title": "Wireless earbuds – clear sound, all-day comfort | Pulse",
    "meta_description": "Wireless earbuds with adaptive noise cancellation, eight hours of battery life and a pocket-size charging case. Free returns for thirty days.",
    "slug": "wireless-earbuds",
    "keyphrase": "wireless earbuds",
    "synonyms": ["earbuds"],
    "locale": "en_US",
    "product": {"sku": "PX2", "gtin": "4006381333931", "image_count": 5, "variants": 3,
                "variants_with_sku": 3, "variants_with_gtin": 3},
}


def paragraphs():
    for name in ORDER:
        for p in (FIXTURES / f"{name}.txt").read_text().split("\n\n"):
            p = p.strip()
            if p:
                yield p


def description(words):
    html, count = [], 0
    for i, p in enumerate(paragraphs()):
        if count >= words:
            break
        if i % 3 == 0:
            html.append("<h2>Why you will love it</h2>")
            count += 5
        if i % 5 == 4:
            html.append("<ul><li>Free shipping &amp; returns</li><li>Two-year warranty</li></ul>")
            count += 6
        taken = p.split()[: max(0, words - count)]
        count += len(taken)
        html.append("<p>" + " ".join(taken) + "</p>")
    return "\n".join(html) + "\n"


CONTRACTIONS = [("do not", "don’t"), ("does not", "doesn’t"), ("is not", "isn’t"),
                ("it is", "it’s"), ("It is", "It’s"), ("you will", "you’ll"), ("You will", "You’ll"),
                ("we are", "we’re"), ("We are", "We’re"), ("you are", "you’re"), ("You are", "You’re"),
                ("they are", "they’re"), ("can not", "can’t"), ("cannot", "can’t"), ("that is", "that’s"),
                ("there is", "there’s"), ("we have", "we’ve"), ("We have", "We’ve"), ("will not", "won’t")]


def typographic(html):
    """What an editor makes of ASCII punctuation, and how copywriters write: contractions with
    typographic apostrophes, curly quotes, dashes, ellipses, no-break spaces before units."""
    text = html
    for a, b in CONTRACTIONS:
        text = re.sub(rf"\b{a}\b", b, text)
    text = re.sub(r"(\w)'(\w)", "\\1\u2019\\2", text)          # don't → don’t
    text = re.sub(r'"([^"<>]*)"', "\u201c\\1\u201d", text)     # "x" → “x”
    text = re.sub(r"'([^'<>]*)'", "\u2018\\1\u2019", text)     # 'x' → ‘x’
    text = text.replace(" - ", " \u2013 ").replace("--", "\u2014").replace("...", "\u2026")
    text = re.sub(r"(\d) (%|cm|mm|ml|kg|g|m|hours|minutes|days|x)\b", "\\1\u00a0\\2", text)
    # Dashes for every third sentence's first comma, curly quotes around every fifth sentence's
    # third word, as copywriters do.
    parts = text.split(". ")
    for i, part in enumerate(parts):
        if i % 3 == 0 and "," in part:
            head, _, tail = part.partition(",")
            part = f"{head} \u2014{tail}"
        if i % 5 == 2:
            words = part.split(" ")
            if len(words) > 4 and "<" not in words[2] and ">" not in words[2]:
                words[2] = f"\u201c{words[2]}\u201d"
            part = " ".join(words)
        parts[i] = part
    return ". ".join(parts)


ES = """<h2>Por qué te encantarán</h2>
<p>Nuestros auriculares inalámbricos ofrecen un sonido claro y graves profundos en un estuche que cabe en el bolsillo más pequeño. ¿Viajas en tren todos los días? La cancelación activa de ruido bloquea el murmullo del vagón, la oficina y la calle.</p>
<p>La batería dura ocho horas por carga, y el estuche añade otras 24 horas. Además, una carga rápida de diez minutos te da dos horas más de música. ¡Perfectos para el gimnasio!</p>
<ul><li>Certificación IPX5: resisten el sudor y la lluvia</li><li>Tres tamaños de almohadillas de silicona</li><li>Bluetooth 5.3 con conexión estable hasta diez metros</li></ul>
<h2>Llamadas nítidas, estés donde estés</h2>
<p>Cuatro micrófonos filtran el ruido del viento, así que la persona al otro lado oye tu voz y no el tráfico. Los controles táctiles te permiten cambiar de canción, contestar llamadas y activar el modo ambiente sin sacar el móvil.</p>
<p>La aplicación añade un ecualizador de cinco bandas y actualizaciones del firmware. Todo llega en una caja de cartón reciclado con un cable USB‑C y una guía rápida en once idiomas. Si no estás satisfecho, devuélvelos en treinta días: la devolución es gratuita.</p>
<p>Diseñados en Barcelona y probados durante seis meses por corredores, ciclistas y viajeros, los auriculares pesan solo cinco gramos cada uno. Su forma ergonómica se adapta a la oreja sin presionar, incluso después de varias horas de uso.</p>
"""

DE = """<h2>Warum du sie lieben wirst</h2>
<p>Unsere kabellosen Ohrhörer liefern klaren Klang und satten Bass in einem Etui, das in jede Hosentasche passt. Die aktive Geräuschunterdrückung blendet Zuggeräusche, Großraumbüro und Straßenlärm zuverlässig aus – auch auf langen Reisen.</p>
<p>Der Akku hält acht Stunden pro Ladung, das Etui liefert weitere 24 Stunden. Außerdem bringt eine zehnminütige Schnellladung zwei zusätzliche Stunden Musik. „Endlich Ruhe im Pendlerzug“, schreibt eine Kundin aus München.</p>
<ul><li>Schutzklasse IPX5: Schweiß und Regen sind kein Problem</li><li>Drei Größen Silikonaufsätze</li><li>Bluetooth 5.3 mit stabiler Verbindung bis zu zehn Metern</li></ul>
<h2>Klare Gespräche, überall</h2>
<p>Vier Mikrofone filtern Windgeräusche heraus, damit dein Gegenüber deine Stimme hört und nicht den Verkehr. Über die Touch-Steuerung wechselst du Titel, nimmst Anrufe an und schaltest den Umgebungsmodus ein, ohne das Handy aus der Tasche zu nehmen.</p>
<p>Die App ergänzt einen Fünf-Band-Equalizer und Firmware-Updates. Geliefert wird alles in einer Schachtel aus Recyclingkarton mit USB‑C-Kabel und Schnellstartanleitung in elf Sprachen. Gefällt es dir nicht, schickst du die Ohrhörer innerhalb von dreißig Tagen kostenlos zurück.</p>
<p>Entwickelt in Hamburg und sechs Monate lang von Läuferinnen, Radfahrern und Vielreisenden getestet, wiegt jeder Ohrhörer nur fünf Gramm. Die ergonomische Form sitzt bequem im Ohr, ohne zu drücken – selbst nach mehreren Stunden.</p>
"""

FR = """<h2>Pourquoi vous allez les adorer</h2>
<p>Nos écouteurs sans fil offrent un son clair et des basses profondes dans un boîtier qui se glisse dans la plus petite poche. La réduction active du bruit efface le train, l’open space et la rue : vous n’entendez plus que votre musique.</p>
<p>L’autonomie atteint huit heures par charge, et le boîtier ajoute 24 heures. De plus, une charge rapide de dix minutes vous offre deux heures d’écoute supplémentaires. « Enfin du calme dans le métro », nous écrit une cliente lyonnaise.</p>
<ul><li>Certification IPX5 : la sueur et la pluie ne sont plus un problème</li><li>Trois tailles d’embouts en silicone</li><li>Bluetooth 5.3, connexion stable jusqu’à dix mètres</li></ul>
<h2>Des appels nets, où que vous soyez</h2>
<p>Quatre micros filtrent le bruit du vent : votre interlocuteur entend votre voix, pas la circulation. Les commandes tactiles vous permettent de changer de morceau, de décrocher et d’activer le mode ambiant sans sortir votre téléphone.</p>
<p>L’application ajoute un égaliseur à cinq bandes et les mises à jour du micrologiciel. Tout arrive dans une boîte en carton recyclé avec un câble USB‑C et un guide de démarrage en onze langues. Pas convaincu ? Renvoyez-les sous trente jours, le retour est gratuit.</p>
<p>Conçus à Lyon et testés pendant six mois par des coureuses, des cyclistes et des voyageurs, les écouteurs ne pèsent que cinq grammes chacun. Leur forme ergonomique épouse l’oreille sans appuyer, même après plusieurs heures.</p>
"""


def longform():
    """A buying guide as a block editor saves it: block comments, classes, headings, typographic
    prose, two tables, lists, 81 links."""
    prose = list(paragraphs())
    out = ['<!-- wp:heading {"level":1} --><h1 class="wp-block-heading">Wireless earbuds: the 2026 buying guide</h1><!-- /wp:heading -->']
    links = 0

    def link(i, text):
        nonlocal links
        links += 1
        if i % 3 == 0:
            return f'<a href="https://reviews.example.org/earbuds/{i}?utm_source=shop&amp;utm_medium=guide" target="_blank" rel="nofollow noopener">{text}</a>'
        return f'<a href="https://shop.example/shop/earbuds/model-{i}/" class="product-link" data-id="{i}">{text}</a>'

    k = 0
    for section in range(7):
        out.append(f'<!-- wp:heading --><h2 class="wp-block-heading" id="part-{section + 1}">Part {section + 1}: what to look for in wireless earbuds</h2><!-- /wp:heading -->')
        for _ in range(3):
            p = typographic(prose[k % len(prose)])
            k += 1
            words = p.split(" ")
            # Two links per paragraph, around ordinary words.
            for j in (3, len(words) // 2):
                if j < len(words) and "<" not in words[j] and links < 81:
                    words[j] = link(links, words[j])
            out.append('<!-- wp:paragraph {"className":"guide-text"} --><p class="guide-text has-medium-font-size">'
                       + " ".join(words) + "</p><!-- /wp:paragraph -->")
        items = "".join(f'<li class="guide-item">{link(links, f"Model {section}{i}")} – {n}\u00a0hours of battery, “{q}”</li>'
                        for i, (n, q) in enumerate([(6, 'great value'), (8, 'best for calls'), (10, 'runner’s pick')]))
        out.append(f'<!-- wp:list --><ul class="wp-block-list">{items}</ul><!-- /wp:list -->')
        if section in (2, 5):
            rows = "".join(
                f'<tr><td class="has-text-align-left" data-align="left">{link(links, f"Pulse {r}")}</td><td>{6 + r}\u00a0h</td><td>IPX{4 + r % 3}</td><td>€{49 + 20 * r}</td></tr>'
                for r in range(8))
            out.append('<!-- wp:table {"className":"is-style-stripes"} --><figure class="wp-block-table is-style-stripes"><table class="has-fixed-layout"><thead><tr><th>Model</th><th>Battery</th><th>Rating</th><th>Price</th></tr></thead>'
                       f"<tbody>{rows}</tbody></table><figcaption class=\"wp-element-caption\">Battery life as measured at 50\u00a0% volume.</figcaption></figure><!-- /wp:table -->")
    while links < 81:
        out.append(f'<!-- wp:paragraph --><p>See also {link(links, "our accessories")} and {link(links, "the care guide")}.</p><!-- /wp:paragraph -->')
    return "\n".join(out) + "\n", links


def main():
    items = []
    for words in (300, 1000):
        ascii_html = description(words)
        items.append({"name": f"product-{words}-ascii", "input": {"content": ascii_html, **META}})
        items.append({"name": f"product-{words}-typographic",
                      "input": {"content": typographic(ascii_html), **META}})
    for code, text, kp in (("es", ES, "auriculares inalámbricos"), ("de", DE, "kabellose Ohrhörer"),
                           ("fr", FR, "écouteurs sans fil")):
        meta = {**META, "locale": {"es": "es_ES", "de": "de_DE", "fr": "fr_FR"}[code], "keyphrase": kp,
                "synonyms": []}
        items.append({"name": f"product-{code}", "input": {"content": text, **meta}})
    page, links = longform()
    items.append({"name": "longform-page", "input": {"content": page, **META, "profile": "article",
                                                      "site_url": "https://shop.example"}})
    OUT.write_text(json.dumps(items, ensure_ascii=False, indent=1) + "\n")
    for it in items:
        c = it["input"]["content"]
        words = len(re.sub(r"<[^>]+>", " ", c).split())
        print(f"{it['name']}: {words} words, {len(c.encode())} bytes")
    print(f"longform-page links: {links}")


if __name__ == "__main__":
    main()
