"""Short news stories written for the tests in 27 languages: a title and sentences per paragraph.

Each story is made up for these tests (places are real, events are not). Sentences are listed
one by one, so the tests know exactly where a sentence ends.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Story:
    """One made-up news story: its language, title and paragraphs of sentences."""

    code: str
    title: str
    paragraphs: tuple[tuple[str, ...], ...]

    @property
    def sentences(self) -> list[str]:
        """Every sentence in order."""
        return [s for paragraph in self.paragraphs for s in paragraph]

    @property
    def joiner(self) -> str:
        """What separates sentences in running text (nothing in Chinese and Japanese)."""
        return "" if self.code in {"zh", "ja"} else " "

    def paragraph_texts(self) -> list[str]:
        """Each paragraph as running text."""
        return [self.joiner.join(paragraph) for paragraph in self.paragraphs]

    @property
    def text(self) -> str:
        """The story as plain text: title, blank line, paragraphs separated by blank lines."""
        return "\n\n".join([self.title, *self.paragraph_texts()])

    def html(self) -> str:
        """The story as a small news page with a menu and a footer around the article."""
        body = "".join(f"<p>{p}</p>" for p in self.paragraph_texts())
        return (
            f'<!DOCTYPE html><html lang="{self.code}"><head><meta charset="utf-8">'
            f"<title>{self.title}</title></head><body>"
            '<nav><a href="/">Home</a> <a href="/news">News</a></nav>'
            f"<article><h1>{self.title}</h1>{body}</article>"
            "<footer>© 2024 Example Media</footer></body></html>"
        )


STORIES: tuple[Story, ...] = (
    Story(
        "en",
        "Riverside library reopens after two years of repairs",
        (
            (
                "The central library in Riverside reopened on Monday after two years of repairs.",
                "More than three thousand residents visited on the first day.",
            ),
            (
                "The city council spent twelve million dollars on a new roof and heating.",
                "Officials said the building now uses forty percent less energy than before.",
            ),
            ("Opening hours will be extended to ten in the evening from next month.",),
        ),
    ),
    Story(
        "de",
        "Straßenbahn nach Kleinzschocher fährt wieder",
        (
            (
                "Die Straßenbahnlinie nach Kleinzschocher fährt seit Montag wieder nach Plan.",
                "Die Gleise waren im Sommer wegen Bauarbeiten gesperrt worden.",
            ),
            (
                "Die Verkehrsbetriebe haben dabei auch drei Haltestellen barrierefrei umgebaut.",
                "Fahrgäste hatten sich über lange Umwege mit Ersatzbussen beschwert.",
            ),
            ("Im nächsten Jahr sollen weitere Abschnitte der Strecke erneuert werden.",),
        ),
    ),
    Story(
        "fr",
        "Lyon ouvre une nouvelle piste cyclable le long du Rhône",
        (
            (
                "La métropole de Lyon a inauguré samedi une piste cyclable de huit kilomètres.",
                "Elle relie le centre-ville aux communes situées au sud de l'agglomération.",
            ),
            (
                "Les travaux ont coûté près de quatre millions d'euros selon la mairie.",
                "Les associations de cyclistes saluent un projet attendu depuis des années.",
            ),
            ("Une seconde tranche doit être lancée au printemps prochain.",),
        ),
    ),
    Story(
        "es",
        "Valencia amplía el horario del metro durante las fiestas",
        (
            (
                "El metro de Valencia funcionará toda la noche durante las fiestas de marzo.",
                "La empresa pública reforzará además las líneas que llegan al centro.",
            ),
            (
                "El año pasado más de un millón de personas usaron el servicio esos días.",
                "Los sindicatos han pedido más personal de seguridad en las estaciones.",
            ),
            ("El ayuntamiento publicará los horarios definitivos la próxima semana.",),
        ),
    ),
    Story(
        "it",
        "A Bologna riapre il mercato coperto di via Clavature",
        (
            (
                "Il mercato coperto di via Clavature a Bologna ha riaperto ieri mattina.",
                "I lavori di restauro sono durati quasi tre anni.",
            ),
            (
                "Il comune ha investito sei milioni di euro nel tetto e negli impianti.",
                "Ventidue banchi di prodotti locali hanno già ripreso la loro attività.",
            ),
            ("Il mercato resterà aperto anche la domenica fino a dicembre.",),
        ),
    ),
    Story(
        "pt",
        "Porto inaugura novo terminal de autocarros em Campanhã",
        (
            (
                "O novo terminal de autocarros de Campanhã foi inaugurado esta terça-feira "
                "no Porto.",
                "A obra custou cerca de dezasseis milhões de euros.",
            ),
            (
                "O terminal vai receber as ligações nacionais e internacionais da cidade.",
                "A câmara municipal espera que o trânsito no centro diminua.",
            ),
            ("Os primeiros autocarros começam a partir do terminal na próxima semana.",),
        ),
    ),
    Story(
        "nl",
        "Utrecht opent grootste fietsenstalling van de stad",
        (
            (
                "In Utrecht is dinsdag een nieuwe fietsenstalling met zesduizend plekken geopend.",
                "De stalling ligt onder het plein naast het centraal station.",
            ),
            (
                "De gemeente betaalde ruim twintig miljoen euro voor het project.",
                "Fietsers kunnen er de eerste vierentwintig uur gratis parkeren.",
            ),
            ("Volgend jaar komt er nog een kleinere stalling aan de westkant bij.",),
        ),
    ),
    Story(
        "sv",
        "Ny bro över Göta älv öppnar för trafik",
        (
            (
                "Den nya bron över Göta älv i Göteborg öppnade för trafik på söndagen.",
                "Bygget har pågått i nästan sex år och blev två år försenat.",
            ),
            (
                "Bron har egna körfält för spårvagnar, cyklar och fotgängare.",
                "Staden räknar med att restiderna över älven blir kortare.",
            ),
            ("Den gamla bron ska rivas under nästa år.",),
        ),
    ),
    Story(
        "da",
        "Aarhus får ny havnebus til Østhavnen",
        (
            (
                "Aarhus Kommune sætter i næste måned en ny havnebus i drift til Østhavnen.",
                "Båden sejler hver halve time fra morgen til aften.",
            ),
            (
                "Turen fra centrum tager omkring ti minutter.",
                "Politikerne håber, at flere beboere vil lade bilen stå.",
            ),
            ("Billetterne koster det samme som en almindelig bustur i byen.",),
        ),
    ),
    Story(
        "pl",
        "Kraków otwiera nową linię tramwajową na Górkę Narodową",
        (
            (
                "W Krakowie otwarto w poniedziałek nową linię tramwajową na Górkę Narodową.",
                "Budowa trasy trwała ponad trzy lata i kosztowała blisko pół miliarda złotych.",
            ),
            (
                "Tramwaje będą kursować co kilka minut w godzinach szczytu.",
                "Mieszkańcy północnych osiedli od dawna czekali na szybkie połączenie z centrum.",
            ),
            ("Miasto zapowiada, że w przyszłym roku linia zostanie przedłużona.",),
        ),
    ),
    Story(
        "cs",
        "Brno otevřelo zrekonstruovaný hlavní park",
        (
            (
                "Brno v sobotu otevřelo zrekonstruovaný park Lužánky v centru města.",
                "Opravy trvaly dva roky a stály přes sto milionů korun.",
            ),
            (
                "V parku přibyly nové cesty, lavičky a dětské hřiště.",
                "Radnice také nechala vysadit stovky nových stromů.",
            ),
            ("Park bude otevřený každý den od šesti ráno do deseti večer.",),
        ),
    ),
    Story(
        "el",
        "Νέος σταθμός του μετρό ανοίγει στη Θεσσαλονίκη",
        (
            (
                "Ο νέος σταθμός του μετρό στη Θεσσαλονίκη άνοιξε τη Δευτέρα για το κοινό.",
                "Χιλιάδες επιβάτες χρησιμοποίησαν τη γραμμή την πρώτη ημέρα.",
            ),
            (
                "Η κατασκευή του έργου καθυστέρησε πολλά χρόνια λόγω αρχαιολογικών ευρημάτων.",
                "Τα ευρήματα εκτίθενται πλέον μέσα στον σταθμό.",
            ),
            (
                "Πότε θα ανοίξει η επέκταση προς την Καλαμαριά;",
                "Ο δήμαρχος είπε ότι θα ανοίξει του χρόνου.",
            ),
        ),
    ),
    Story(
        "ru",
        "В Казани открыли новый мост через Казанку",
        (
            (
                "В Казани в пятницу открыли новый пешеходный мост через реку Казанку.",
                "Строительство моста продолжалось почти два года.",
            ),
            (
                "По словам мэрии, мост соединит жилые районы с набережной и парком.",
                "Вечером мост будет освещаться разноцветными фонарями.",
            ),
            ("Следующим летом рядом планируют построить велосипедную дорожку.",),
        ),
    ),
    Story(
        "uk",
        "У Львові відкрили оновлений трамвайний маршрут",
        (
            (
                "У Львові в понеділок відкрили оновлений трамвайний маршрут до Сихова.",
                "Ремонт колій тривав понад пів року.",
            ),
            (
                "Міська рада закупила для маршруту десять нових низькопідлогових трамваїв.",
                "Пасажири зможуть доїхати до центру міста за двадцять хвилин.",
            ),
            ("Наступного року місто планує відремонтувати ще дві лінії.",),
        ),
    ),
    Story(
        "tr",
        "İzmir'de yeni vapur hattı hizmete girdi",
        (
            (
                "İzmir Büyükşehir Belediyesi körfezde yeni bir vapur hattını hizmete açtı.",
                "Vapurlar her gün sabah yediden gece yarısına kadar sefer yapacak.",
            ),
            (
                "Yolculuk Karşıyaka ile Konak arasında yaklaşık yirmi dakika sürüyor.",
                "Belediye başkanı hattın trafiği rahatlatacağını söyledi.",
            ),
            ("Yaz aylarında seferlerin sayısının artırılması planlanıyor.",),
        ),
    ),
    Story(
        "id",
        "Jakarta membuka jalur bus listrik baru ke Bandara",
        (
            (
                "Pemerintah Provinsi Jakarta membuka jalur bus listrik baru menuju bandara "
                "pada hari Senin.",
                "Bus tersebut akan beroperasi setiap lima belas menit dari pagi hingga malam.",
            ),
            (
                "Tarif perjalanan ditetapkan sebesar sepuluh ribu rupiah.",
                "Gubernur mengatakan bahwa layanan ini akan mengurangi kemacetan di jalan tol.",
            ),
            ("Jumlah bus akan ditambah jika penumpang terus meningkat.",),
        ),
    ),
    Story(
        "vi",
        "Hà Nội khai trương tuyến xe buýt điện mới",
        (
            (
                "Hà Nội đã khai trương tuyến xe buýt điện mới nối trung tâm với sân bay Nội Bài.",
                "Mỗi chuyến xe chạy cách nhau khoảng mười lăm phút.",
            ),
            (
                "Giá vé cho mỗi lượt đi là ba mươi nghìn đồng.",
                "Thành phố cho biết sẽ có thêm nhiều tuyến xe buýt điện trong năm tới.",
            ),
            ("Người dân có thể mua vé bằng thẻ ngân hàng ngay trên xe.",),
        ),
    ),
    Story(
        "ro",
        "Clujul deschide un nou parc în cartierul Mănăștur",
        (
            (
                "Primăria Cluj-Napoca a deschis sâmbătă un nou parc în cartierul Mănăștur.",
                "Lucrările au durat un an și jumătate.",
            ),
            (
                "Parcul are alei noi, un lac mic și două locuri de joacă pentru copii.",
                "Locuitorii au cerut de mult timp mai multe spații verzi în zonă.",
            ),
            ("Primarul a anunțat că parcul va fi deschis non-stop.",),
        ),
    ),
    Story(
        "hu",
        "Új villamosvonal indul Debrecenben",
        (
            (
                "Debrecenben hétfőn elindult az új villamosvonal a belváros és az egyetem között.",
                "Az építkezés közel két évig tartott.",
            ),
            (
                "A villamosok csúcsidőben öt percenként közlekednek.",
                "A város vezetése szerint az utasok száma gyorsan nőni fog.",
            ),
            ("Jövőre a vonalat a vasútállomásig hosszabbítják meg.",),
        ),
    ),
    Story(
        "fi",
        "Tampereen raitiotie jatkuu Lentävänniemeen",
        (
            (
                "Tampereen raitiotien uusi osuus Lentävänniemeen avattiin maanantaina.",
                "Raitiovaunut kulkevat ruuhka-aikaan seitsemän minuutin välein.",
            ),
            (
                "Kaupunki kertoo, että matkustajamäärät ovat kasvaneet joka vuosi.",
                "Rakennustyöt valmistuivat etuajassa ja budjetissa.",
            ),
            ("Seuraavaksi kaupunki suunnittelee uutta linjaa Hervantaan.",),
        ),
    ),
    Story(
        "ar",
        "افتتاح مكتبة عامة جديدة في عمّان",
        (
            (
                "افتتحت أمانة عمّان يوم الأحد مكتبة عامة جديدة في وسط المدينة.",
                "وتضم المكتبة أكثر من خمسين ألف كتاب باللغتين العربية والإنجليزية.",
            ),
            (
                "هل ستفتح المكتبة أبوابها في المساء؟",
                "قال مدير المكتبة إنها ستبقى مفتوحة حتى الساعة العاشرة ليلاً.",
            ),
            ("وتخطط الأمانة لافتتاح مكتبتين أخريين في العام المقبل.",),
        ),
    ),
    Story(
        "fa",
        "افتتاح خط جدید مترو در شیراز",
        (
            (
                "خط جدید مترو شیراز روز دوشنبه با حضور شهردار افتتاح شد.",
                "ساخت این خط حدود شش سال طول کشید.",
            ),
            (
                "قطارها در ساعات شلوغ هر ده دقیقه یک بار حرکت می‌کنند.",
                "شهرداری می‌گوید این خط ترافیک مرکز شهر را کاهش خواهد داد.",
            ),
            (
                "آیا بلیت‌ها گران‌تر می‌شوند؟",
                "مسئولان گفتند قیمت بلیت تا پایان سال تغییر نمی‌کند.",
            ),
        ),
    ),
    Story(
        "hi",
        "जयपुर में नई मेट्रो लाइन शुरू हुई",
        (
            (
                "जयपुर में सोमवार को नई मेट्रो लाइन यात्रियों के लिए शुरू हो गई।",
                "इस लाइन के निर्माण में लगभग चार साल लगे।",
            ),
            (
                "मेट्रो सुबह छह बजे से रात ग्यारह बजे तक चलेगी।",
                "राज्य सरकार ने कहा कि इससे शहर में जाम कम होगा।",
            ),
            ("अगले साल इस लाइन को हवाई अड्डे तक बढ़ाया जाएगा।",),
        ),
    ),
    Story(
        "zh",
        "太原新建城市公园正式开放",
        (
            (
                "太原市汾河西岸的新建城市公园于本周六正式开放。",
                "公园占地约三十公顷，建设工期为两年。",
            ),
            (
                "园内设有步行道、自行车道和儿童游乐场。",
                "市园林局表示，公园每天早六点至晚十点免费开放。",
            ),
            ("明年还将在公园北侧增建一座图书馆。",),
        ),
    ),
    Story(
        "ja",
        "札幌市で新しい図書館が開館",
        (
            (
                "札幌市の中心部に新しい市立図書館が月曜日に開館しました。",
                "初日には約三千人の市民が訪れました。",
            ),
            (
                "図書館には約二十万冊の本が置かれています。",
                "市によると、建設費はおよそ五十億円でした。",
            ),
            ("来年には子ども向けの読書室も開設される予定です。",),
        ),
    ),
    Story(
        "ko",
        "부산에 새 도서관 문 열어",
        (
            (
                "부산시는 월요일 해운대구에 새 시립도서관을 열었다고 밝혔다.",
                "첫날에만 삼천 명이 넘는 시민이 도서관을 찾았다.",
            ),
            (
                "도서관에는 약 이십만 권의 책이 있다.",
                "시는 주말에도 밤 열 시까지 도서관을 운영할 계획이다.",
            ),
            ("내년에는 어린이 열람실도 새로 문을 열 예정이다.",),
        ),
    ),
    Story(
        "th",
        "เชียงใหม่เปิดสวนสาธารณะแห่งใหม่ริมแม่น้ำปิง",
        (
            (
                "เทศบาลนครเชียงใหม่เปิดสวนสาธารณะแห่งใหม่ริมแม่น้ำปิงเมื่อวันเสาร์ที่ผ่านมา",
                "สวนแห่งนี้มีทางเดินและทางจักรยานยาวกว่าสามกิโลเมตรให้ประชาชนใช้ฟรี",
            ),
            (
                "นายกเทศมนตรีกล่าวว่าการก่อสร้างใช้เวลาประมาณสองปีและใช้งบประมาณหลายสิบล้านบาท",
                "ประชาชนจำนวนมากเดินทางมาเยี่ยมชมสวนตั้งแต่เช้าจนถึงค่ำในวันแรก",
            ),
            ("ในปีหน้าเทศบาลมีแผนจะปลูกต้นไม้เพิ่มอีกหลายพันต้นตลอดแนวแม่น้ำ",),
        ),
    ),
)

BY_CODE: dict[str, Story] = {story.code: story for story in STORIES}
