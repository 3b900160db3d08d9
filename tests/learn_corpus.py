# ruff: noqa: E501  (the sites' prose is data: one sentence a line reads best)
"""A generated corpus for `stripper learn`: four synthetic news sites, each in its own
language (Arabic, Chinese, Spanish, German), PAGES pages each, written at test time
(nothing but this generator is committed).

Every page is a plain text dump: the site's menu, a headline, a date line, the
article (paragraphs made of sentences drawn from the site's pool, so every page's
paragraphs are its own), then the template. The template holds, besides menus and a
copyright line, three prose-like lines that read as article text — a tip line just
above the article, a membership pitch and an "about the paper" paragraph just below
it — which is what per-page statistics cannot tell from the article. Some pages also
quote one sentence that recurs across the site's articles (a repeated article line,
which learning must keep) and carry a standard correction note inside the article.

All text was written for these tests.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

PAGES = 50
QUOTE_EVERY = 3  # every third page quotes the site's recurring sentence
CORRECTION_EVERY = 3  # ... and every third (other) page the correction note


@dataclass
class Site:
    folder: str
    host: str
    language: str
    name: str
    menu: list[str]
    subjects: list[str]
    predicates: list[str]
    sentences: list[str]
    tip: str
    pitch: str
    about: str
    quote: str
    correction: str
    most_read: str
    footer: list[str]
    date_word: str
    joiner: str = " "


@dataclass
class Page:
    path: Path
    site: Site
    url: str
    article: list[str] = field(default_factory=list)  # every article line, in order
    template_prose: list[str] = field(default_factory=list)  # the leaking template lines


SITES = [
    Site(
        folder="al-waha", host="www.alwaha-news.example", language="ar",
        name="صحيفة الواحة",
        menu=["الرئيسية", "أخبار محلية", "اقتصاد", "رياضة", "ثقافة", "رأي", "منوعات"],
        subjects=["مجلس المدينة", "وزارة الزراعة", "جامعة الشمال", "نقابة المعلمين",
                  "هيئة الطرق", "غرفة التجارة", "بلدية الساحل", "المستشفى العام",
                  "اتحاد الصيادين", "مكتبة الحي"],
        predicates=["يعلن خطة جديدة للعام المقبل", "يفتتح مشروعا طال انتظاره",
                    "يناقش مطالب السكان في جلسة مفتوحة", "يؤجل قراره إلى الشهر القادم",
                    "يطلق حملة لجمع التبرعات"],
        sentences=[
            "اجتمع أعضاء المجلس صباح الثلاثاء في القاعة الكبرى لمناقشة الميزانية الجديدة.",
            "وقال رئيس الجلسة إن المشروع سيبدأ مع مطلع الربيع إذا وصلت الأموال في موعدها.",
            "وأكد عدد من السكان أن الطريق المؤدي إلى السوق يحتاج إلى إصلاح عاجل منذ سنوات.",
            "وأشار التقرير إلى أن عدد الزوار ارتفع بشكل ملحوظ خلال الأشهر الماضية.",
            "وطالب المزارعون بتوفير المياه في الصيف وتخفيض أسعار البذور والأسمدة.",
            "وتعهدت الإدارة بنشر تفاصيل الخطة كاملة على موقعها خلال الأسبوع المقبل.",
            "ويرى خبراء أن المدينة تستطيع أن تستفيد من موقعها القريب من الميناء.",
            "وشهدت الجلسة نقاشا طويلا حول تكاليف الصيانة ومدة الأعمال المتوقعة.",
            "وقالت إحدى المعلمات إن الطلاب ينتظرون افتتاح المبنى الجديد بفارغ الصبر.",
            "وأوضح المتحدث أن العمل سيتم على مراحل حتى لا تتوقف الخدمات عن الناس.",
            "وذكر شهود أن الأمطار الغزيرة أغلقت عدة شوارع في الأحياء القديمة.",
            "وتقرر تشكيل لجنة من الخبراء لمتابعة التنفيذ ورفع تقرير كل ثلاثة أشهر.",
            "ويأمل التجار أن تعيد هذه الخطوة الحركة إلى الأسواق بعد موسم صعب.",
            "وأضاف أن الحكومة وعدت بتقديم الدعم اللازم للأسر الأكثر حاجة.",
            "ولفت عدد من الأطباء إلى نقص الأجهزة في قسم الطوارئ منذ العام الماضي.",
            "وجرى الاتفاق على عقد لقاء جديد مع ممثلي الأحياء قبل نهاية الشهر.",
            "وأعرب الحاضرون عن ارتياحهم للنتائج الأولى رغم بعض الملاحظات.",
            "وتبلغ كلفة المرحلة الأولى نحو مليوني دينار بحسب الأرقام الرسمية.",
            "ويعمل في المشروع أكثر من مئتي عامل من أبناء المنطقة والقرى المجاورة.",
            "وختم المسؤول حديثه بالتأكيد على أن الأولوية ستكون لسلامة السكان.",
            "وكانت الفكرة قد طرحت للمرة الأولى قبل خمس سنوات لكنها تأخرت لأسباب مالية.",
            "ويقول سكان الحي إنهم سمعوا وعودا كثيرة ويريدون هذه المرة أن يروا النتائج.",
        ],
        tip="هل لديك قصة تستحق أن تروى؟ فريق التحرير يقرأ كل رسالة تصله ويتابع ما يهم القراء في مدينتهم.",
        pitch="الصحافة المستقلة تحتاج إلى قرائها. انضم إلى أصدقاء الواحة اليوم وساعدنا على مواصلة العمل الميداني في كل حي.",
        about="صحيفة الواحة جريدة يومية مستقلة تأسست في المدينة وتصدر كل صباح، وتغطي شؤون الناس والاقتصاد والثقافة بعيدا عن أي انتماء حزبي.",
        quote="وقال المحافظ في كلمته: لن نترك أي حي خلف الركب، وسنعمل مع الجميع حتى تصل الخدمات إلى كل بيت.",
        correction="تصحيح: ذكرت نسخة سابقة من هذا التقرير موعدا خاطئا للجلسة، وقد جرى تعديله في النص.",
        most_read="الأكثر قراءة",
        footer=["من نحن", "اتصل بنا", "سياسة الخصوصية", "© 2025 صحيفة الواحة. جميع الحقوق محفوظة."],
        date_word="نشر في",
    ),
    Site(
        folder="qinghe", host="news.qinghe-daily.example", language="zh",
        name="清河日报",
        menu=["首页", "本地", "经济", "文化", "体育", "评论", "图片"],
        subjects=["市政府", "清河大学", "老城区", "市图书馆", "农业合作社", "交通局",
                  "第一医院", "港口管理处", "青年志愿者协会", "博物馆"],
        predicates=["公布明年的新计划", "启动等待多年的改造工程", "召开居民座谈会",
                    "推迟原定的决定", "发起新的募捐活动"],
        sentences=[
            "周二上午，有关部门在会议中心召开会议，讨论新一年的预算安排。",
            "负责人表示，如果资金按时到位，工程将在明年春天正式开工。",
            "不少居民反映，通往菜市场的道路多年失修，希望尽快得到解决。",
            "报告显示，过去几个月前来参观的游客人数明显增加。",
            "农户们希望夏季能保证灌溉用水，同时降低种子和化肥的价格。",
            "管理方承诺将在下周把完整的方案公布在官方网站上。",
            "专家认为，这座城市靠近港口，在发展物流方面有明显优势。",
            "会上，大家围绕维修费用和施工周期进行了长时间的讨论。",
            "一位老师说，学生们都盼着新教学楼早日投入使用。",
            "发言人介绍，工程将分阶段进行，以免影响市民的日常生活。",
            "有目击者说，连日大雨使老城区的几条街道一度无法通行。",
            "会议决定成立专家小组，负责跟进落实情况，每季度提交一次报告。",
            "商户们希望这一举措能在淡季之后让市场重新热闹起来。",
            "他补充说，政府已承诺为困难家庭提供必要的帮助。",
            "几位医生指出，急诊科的设备从去年起就一直不够用。",
            "双方同意在月底之前与各社区代表再开一次会。",
            "与会者对初步结果表示满意，同时也提出了一些意见。",
            "根据官方数据，第一阶段的投入约为两千万元。",
            "目前参与工程的工人超过两百名，大多来自本地和周边村镇。",
            "最后，这位负责人强调，居民的安全始终是第一位的。",
            "这个设想早在五年前就已提出，但因为资金问题一直没有落实。",
            "街坊们说，他们听过太多承诺，这一次希望能真正看到变化。",
        ],
        tip="您身边有值得报道的新鲜事吗？编辑部会认真阅读每一封来信，并持续关注读者关心的城市话题。",
        pitch="独立的新闻离不开读者的支持。欢迎您今天就加入清河之友，帮助我们的记者继续深入每一个街区采访。",
        about="清河日报是一份独立的地方日报，每天清晨出版，报道本地民生、经济与文化，不隶属于任何党派或企业集团。",
        quote="市长在讲话中说：我们不会让任何一个社区掉队，一定让公共服务走进千家万户。",
        correction="更正：本文早前版本中的会议日期有误，现已在正文中改正。",
        most_read="热门文章",
        footer=["关于我们", "联系我们", "隐私政策", "© 2025 清河日报 版权所有"],
        date_word="发布时间",
        joiner="",
    ),
    Site(
        folder="el-faro", host="www.elfaro-costa.example", language="es",
        name="El Faro de la Costa",
        menu=["Portada", "Local", "Economía", "Cultura", "Deportes", "Opinión", "Fotos"],
        subjects=["El ayuntamiento", "La universidad", "El puerto", "La biblioteca municipal",
                  "La cooperativa agrícola", "El hospital comarcal", "La asociación de vecinos",
                  "El museo del mar", "La cofradía de pescadores", "El instituto"],
        predicates=["presenta su plan para el próximo año", "inaugura una obra muy esperada",
                    "escucha a los vecinos en una asamblea abierta",
                    "aplaza su decisión hasta el mes que viene",
                    "lanza una campaña de recogida de fondos"],
        sentences=[
            "Los concejales se reunieron el martes por la mañana para debatir el nuevo presupuesto.",
            "El presidente de la sesión explicó que las obras empezarán en primavera si el dinero llega a tiempo.",
            "Varios vecinos recordaron que la carretera del mercado lleva años esperando un arreglo.",
            "Según el informe, el número de visitantes ha crecido mucho en los últimos meses.",
            "Los agricultores pidieron agua suficiente para el verano y precios más bajos para las semillas.",
            "La dirección se comprometió a publicar el plan completo en su página durante la próxima semana.",
            "Los expertos creen que la ciudad puede sacar partido de su cercanía al puerto.",
            "La sesión se alargó por el debate sobre el coste del mantenimiento y la duración de las obras.",
            "Una maestra contó que sus alumnos esperan con impaciencia la apertura del nuevo edificio.",
            "El portavoz aclaró que los trabajos se harán por fases para no interrumpir los servicios.",
            "Algunos testigos dijeron que la lluvia cortó varias calles del casco antiguo durante horas.",
            "Se acordó crear una comisión de expertos que informará cada tres meses sobre los avances.",
            "Los comerciantes confían en que la medida devuelva la vida a las tiendas tras una mala temporada.",
            "Añadió que el gobierno regional ha prometido ayudas para las familias con menos recursos.",
            "Varios médicos señalaron que a urgencias le faltan aparatos desde el año pasado.",
            "Las dos partes quedaron en volver a reunirse con los barrios antes de fin de mes.",
            "Los asistentes se mostraron satisfechos con los primeros resultados, aunque con reservas.",
            "La primera fase costará unos dos millones de euros, según las cifras oficiales.",
            "En la obra trabajan más de doscientas personas de la comarca y de los pueblos vecinos.",
            "El responsable terminó su intervención insistiendo en que la seguridad es lo primero.",
            "La idea se planteó por primera vez hace cinco años, pero se retrasó por falta de fondos.",
            "En el barrio dicen que han oído muchas promesas y que esta vez quieren ver resultados.",
        ],
        tip="¿Sabes de algo que deberíamos contar? En la redacción leemos todos los mensajes y seguimos cada pista que nos llega de los lectores.",
        pitch="Las historias de cada barrio las cuentan vecinos como tú. Hazte socio de El Faro hoy y ayúdanos a seguir contando lo que pasa en cada esquina.",
        about="El Faro de la Costa es un diario independiente fundado por un grupo de periodistas locales; sale cada mañana y cubre la vida, la economía y la cultura de la comarca sin depender de ningún partido.",
        quote="La alcaldesa lo dijo claramente en su discurso: ningún barrio se quedará atrás y los servicios llegarán a todas las casas.",
        correction="Corrección: una versión anterior de esta información daba una fecha equivocada para la sesión; ya está corregida en el texto.",
        most_read="Lo más leído",
        footer=["Quiénes somos", "Contacto", "Política de privacidad", "© 2025 El Faro de la Costa. Todos los derechos reservados."],
        date_word="Publicado el",
    ),
    Site(
        folder="talbote", host="www.talbote.example", language="de",
        name="Der Talbote",
        menu=["Startseite", "Lokales", "Wirtschaft", "Kultur", "Sport", "Meinung", "Bilder"],
        subjects=["Der Gemeinderat", "Die Hochschule", "Der Hafenverband", "Die Stadtbibliothek",
                  "Die Genossenschaft", "Das Kreiskrankenhaus", "Der Bürgerverein",
                  "Das Heimatmuseum", "Die Feuerwehr", "Die Musikschule"],
        predicates=["stellt den Plan für das kommende Jahr vor",
                    "eröffnet ein lange erwartetes Projekt",
                    "hört die Anwohner in einer offenen Sitzung an",
                    "vertagt die Entscheidung auf den nächsten Monat",
                    "startet eine Spendenaktion"],
        sentences=[
            "Die Mitglieder kamen am Dienstagmorgen im großen Saal zusammen, um über den neuen Haushalt zu beraten.",
            "Der Vorsitzende sagte, die Arbeiten könnten im Frühjahr beginnen, wenn das Geld rechtzeitig komme.",
            "Mehrere Anwohner wiesen darauf hin, dass die Straße zum Markt seit Jahren repariert werden müsse.",
            "Dem Bericht zufolge ist die Zahl der Besucher in den vergangenen Monaten deutlich gestiegen.",
            "Die Landwirte forderten genug Wasser für den Sommer und günstigeres Saatgut.",
            "Die Verwaltung versprach, den vollständigen Plan in der kommenden Woche auf ihrer Seite zu veröffentlichen.",
            "Fachleute meinen, die Stadt könne von ihrer Nähe zum Hafen viel stärker profitieren.",
            "Lange wurde in der Sitzung über die Kosten der Wartung und die Dauer der Bauarbeiten gestritten.",
            "Eine Lehrerin erzählte, ihre Schüler warteten schon ungeduldig auf das neue Gebäude.",
            "Der Sprecher erklärte, man werde in Abschnitten bauen, damit der Betrieb weiterlaufen könne.",
            "Augenzeugen berichteten, der Starkregen habe mehrere Gassen der Altstadt stundenlang überflutet.",
            "Beschlossen wurde eine Expertengruppe, die alle drei Monate über den Fortgang berichten soll.",
            "Die Händler hoffen, dass nach einer schwachen Saison wieder mehr Leben in die Läden kommt.",
            "Er fügte hinzu, das Land habe Hilfen für Familien mit wenig Geld zugesagt.",
            "Mehrere Ärzte machten darauf aufmerksam, dass in der Notaufnahme seit dem Vorjahr Geräte fehlen.",
            "Beide Seiten wollen sich noch vor Monatsende erneut mit den Vertretern der Viertel treffen.",
            "Die Anwesenden zeigten sich mit den ersten Ergebnissen zufrieden, wenn auch nicht ohne Einwände.",
            "Der erste Abschnitt kostet nach offiziellen Angaben rund zwei Millionen Euro.",
            "Auf der Baustelle arbeiten mehr als zweihundert Menschen aus der Gegend und den Nachbardörfern.",
            "Zum Schluss betonte der Verantwortliche, die Sicherheit der Bewohner habe Vorrang.",
            "Die Idee war schon vor fünf Jahren aufgekommen, scheiterte damals aber am fehlenden Geld.",
            "Im Viertel heißt es, man habe schon viele Versprechen gehört und wolle diesmal Ergebnisse sehen.",
        ],
        tip="Wissen Sie etwas, worüber wir berichten sollten? Unsere Redaktion liest jede Nachricht und geht jedem Hinweis aus der Leserschaft nach.",
        pitch="Unabhängiger Journalismus lebt von seinen Leserinnen und Lesern. Werden Sie noch heute Mitglied im Freundeskreis des Talboten und helfen Sie uns, weiter aus jedem Viertel zu berichten.",
        about="Der Talbote ist eine unabhängige Tageszeitung, die jeden Morgen erscheint und über das Leben, die Wirtschaft und die Kultur im Tal berichtet, ohne einer Partei oder einem Konzern zu gehören.",
        quote="Die Bürgermeisterin sagte in ihrer Rede wörtlich: Kein Viertel wird zurückgelassen, und die Versorgung soll jedes Haus erreichen.",
        correction="Korrektur: In einer früheren Fassung dieses Artikels stand ein falsches Datum für die Sitzung; es wurde im Text berichtigt.",
        most_read="Meistgelesen",
        footer=["Über uns", "Kontakt", "Datenschutz", "© 2025 Der Talbote. Alle Rechte vorbehalten."],
        date_word="Veröffentlicht am",
    ),
]


def _headlines(site: Site) -> list[str]:
    sep = "" if site.joiner == "" else " "
    return [f"{s}{sep}{p}" for p in site.predicates for s in site.subjects]


def _paragraphs(site: Site, rng: random.Random, used: set[tuple[int, ...]], count: int,
                ) -> list[str]:
    """`count` paragraphs of three sentences each, no sentence triple used twice."""
    out = []
    while len(out) < count:
        pick = tuple(rng.sample(range(len(site.sentences)), 3))
        if pick in used:
            continue
        used.add(pick)
        out.append(site.joiner.join(site.sentences[i] for i in pick))
    return out


def page_text(site: Site, n: int, rng: random.Random, used: set, headlines: list[str],
              ) -> tuple[str, list[str]]:
    """One page's dump and its article lines."""
    day, month, hour, minute = 1 + n % 28, 1 + n % 12, 6 + n % 14, (7 * n) % 60
    paragraphs = _paragraphs(site, rng, used, 4 + n % 3)
    article = list(paragraphs)
    if n % QUOTE_EVERY == 0:
        article.insert(2, site.quote)
    if n % CORRECTION_EVERY == 1:
        article.insert(len(article) - 1, site.correction)
    others = [headlines[(n + k) % len(headlines)] for k in (7, 13, 21)]
    lines = [site.name, "", *site.menu, "",
             headlines[n], f"{site.date_word} {day:02d}.{month:02d}.2025 {hour:02d}:{minute:02d}",
             "", site.tip, ""]
    for paragraph in article:
        lines += [paragraph, ""]
    lines += [site.pitch, "", site.about, "", site.most_read, *others, "", *site.footer, ""]
    return "\n".join(lines), article


def make_corpus(root: Path, pages: int = PAGES, seed: int = 16) -> list[Page]:
    """Write SITE/page-NNN.txt for every site under `root`; returns what each holds."""
    made = []
    for site in SITES:
        folder = root / site.folder
        folder.mkdir(parents=True, exist_ok=True)
        rng = random.Random(f"{seed}-{site.folder}")
        used: set[tuple[int, ...]] = set()
        headlines = _headlines(site)
        for n in range(pages):
            text, article = page_text(site, n, rng, used, headlines)
            path = folder / f"page-{n:03d}.txt"
            path.write_text(text, encoding="utf-8")
            made.append(Page(path, site, f"https://{site.host}/{site.folder}/story-{n}",
                             article, [site.tip, site.pitch, site.about]))
    return made


def write_urls(pages: list[Page], root: Path, target: Path) -> None:
    """A TSV of PATH<TAB>URL (paths relative to `root`), as `--urls` reads it."""
    rows = [f"{p.path.relative_to(root).as_posix()}\t{p.url}" for p in pages]
    target.write_text("path\turl\n" + "\n".join(rows) + "\n", encoding="utf-8")


def page_html(site: Site, text: str, url: str) -> str:
    """The same page as saved HTML: the canonical link names its address, the menu is
    a nav of links, the template's prose sits in plain paragraphs around the article."""
    from html import escape

    head, _, rest = text.partition(f"\n\n{site.tip}\n\n")
    title = head.split("\n")[-2]
    body = "".join(f"<p>{escape(line)}</p>" for line in rest.split("\n") if line.strip())
    menu = "".join(f'<li><a href="/{n}">{escape(item)}</a></li>'
                   for n, item in enumerate(site.menu))
    return (f'<!DOCTYPE html><html lang="{site.language}"><head><meta charset="utf-8">'
            f'<title>{escape(title)}</title><link rel="canonical" href="{url}"></head>'
            f"<body><header><p>{escape(site.name)}</p><nav><ul>{menu}</ul></nav></header>"
            f"<div><h1>{escape(title)}</h1><p>{escape(site.tip)}</p>{body}</div>"
            "</body></html>")


def make_html_corpus(root: Path, pages: int = PAGES, seed: int = 16) -> list[Page]:
    """The corpus as HTML pages, all in one folder (the text dumps they are made from
    beside it): only their canonical links tell the sites apart."""
    made = []
    root.mkdir(parents=True, exist_ok=True)
    for page in make_corpus(root.with_name(root.name + "-text"), pages, seed):
        text = page.path.read_text(encoding="utf-8")
        target = root / f"{page.site.folder}-{page.path.stem}.html"
        target.write_text(page_html(page.site, text, page.url), encoding="utf-8")
        made.append(Page(target, page.site, page.url, page.article, page.template_prose))
    return made
