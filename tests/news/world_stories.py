# ruff: noqa: E501  (sentences are data; splitting them would only hide them)
"""Short local-news stories written for the multilingual feed tests: two per language.

Each story is (title, paragraphs). They are plain municipal news, made up for the tests.
"""

from __future__ import annotations

Story = tuple[str, tuple[str, ...]]

STORIES: dict[str, tuple[Story, Story]] = {
    "en": (
        (
            "Riverside library reopens after repairs",
            (
                "The riverside library reopened on Monday after eight months of repairs to its roof.",
                "Readers can borrow books again from nine in the morning until eight in the evening.",
                "The council said the work cost less than planned.",
            ),
        ),
        (
            "New cycle lane links the station and the harbour",
            (
                "A protected cycle lane now runs from the railway station to the harbour.",
                "The city expects about two thousand cyclists to use it every day.",
            ),
        ),
    ),
    "de": (
        (
            "Stadtbibliothek öffnet nach Umbau wieder",
            (
                "Die Stadtbibliothek ist am Montag nach acht Monaten Umbau wieder geöffnet worden.",
                "Leser können nun von neun bis zwanzig Uhr Bücher ausleihen.",
                "Die Stadt teilte mit, dass die Arbeiten günstiger waren als geplant.",
            ),
        ),
        (
            "Neuer Radweg verbindet Bahnhof und Hafen",
            (
                "Ein geschützter Radweg führt jetzt vom Bahnhof bis zum Hafen.",
                "Die Stadt rechnet mit etwa zweitausend Radfahrern am Tag.",
            ),
        ),
    ),
    "fr": (
        (
            "La bibliothèque municipale rouvre ses portes",
            (
                "La bibliothèque municipale a rouvert lundi après huit mois de travaux sur sa toiture.",
                "Les lecteurs peuvent de nouveau emprunter des livres de neuf heures à vingt heures.",
                "La mairie indique que le chantier a coûté moins cher que prévu.",
            ),
        ),
        (
            "Une nouvelle piste cyclable relie la gare au port",
            (
                "Une piste cyclable protégée relie désormais la gare au port.",
                "La ville attend environ deux mille cyclistes par jour.",
            ),
        ),
    ),
    "es": (
        (
            "La biblioteca municipal vuelve a abrir",
            (
                "La biblioteca municipal reabrió el lunes tras ocho meses de obras en el tejado.",
                "Los lectores pueden volver a llevarse libros de nueve de la mañana a ocho de la tarde.",
                "El ayuntamiento afirmó que las obras costaron menos de lo previsto.",
            ),
        ),
        (
            "Un nuevo carril bici une la estación y el puerto",
            (
                "Un carril bici protegido recorre ahora el trayecto entre la estación y el puerto.",
                "La ciudad espera unos dos mil ciclistas al día.",
            ),
        ),
    ),
    "pt": (
        (
            "Biblioteca municipal reabre depois das obras",
            (
                "A biblioteca municipal reabriu na segunda-feira depois de oito meses de obras no telhado.",
                "Os leitores podem voltar a levar livros das nove da manhã às oito da noite.",
                "A prefeitura disse que a obra custou menos do que o previsto.",
            ),
        ),
        (
            "Nova ciclovia liga a estação ao porto",
            (
                "Uma ciclovia protegida liga agora a estação ferroviária ao porto.",
                "A cidade espera cerca de dois mil ciclistas por dia.",
            ),
        ),
    ),
    "it": (
        (
            "La biblioteca comunale riapre dopo i lavori",
            (
                "La biblioteca comunale ha riaperto lunedì dopo otto mesi di lavori sul tetto.",
                "I lettori possono di nuovo prendere libri in prestito dalle nove alle venti.",
                "Il comune ha detto che i lavori sono costati meno del previsto.",
            ),
        ),
        (
            "Una nuova pista ciclabile collega la stazione al porto",
            (
                "Una pista ciclabile protetta collega ora la stazione ferroviaria al porto.",
                "Il comune prevede circa duemila ciclisti al giorno.",
            ),
        ),
    ),
    "nl": (
        (
            "Stadsbibliotheek gaat weer open na verbouwing",
            (
                "De stadsbibliotheek is maandag na acht maanden verbouwing weer opengegaan.",
                "Lezers kunnen weer boeken lenen van negen uur 's ochtends tot acht uur 's avonds.",
                "De gemeente zegt dat de werkzaamheden minder hebben gekost dan gepland.",
            ),
        ),
        (
            "Nieuw fietspad verbindt station en haven",
            (
                "Een vrijliggend fietspad loopt nu van het station naar de haven.",
                "De gemeente verwacht ongeveer tweeduizend fietsers per dag.",
            ),
        ),
    ),
    "pl": (
        (
            "Biblioteka miejska znów otwarta po remoncie",
            (
                "Biblioteka miejska została ponownie otwarta w poniedziałek po ośmiu miesiącach remontu dachu.",
                "Czytelnicy mogą znowu wypożyczać książki od dziewiątej do dwudziestej.",
                "Urząd miasta podał, że prace kosztowały mniej, niż planowano.",
            ),
        ),
        (
            "Nowa droga rowerowa łączy dworzec z portem",
            (
                "Wydzielona droga rowerowa prowadzi teraz od dworca kolejowego do portu.",
                "Miasto spodziewa się około dwóch tysięcy rowerzystów dziennie.",
            ),
        ),
    ),
    "ru": (
        (
            "Городская библиотека открылась после ремонта",
            (
                "Городская библиотека вновь открылась в понедельник после восьми месяцев ремонта крыши.",
                "Читатели снова могут брать книги с девяти утра до восьми вечера.",
                "В мэрии сообщили, что работы обошлись дешевле, чем планировалось.",
            ),
        ),
        (
            "Новая велодорожка соединила вокзал и порт",
            (
                "Отдельная велодорожка теперь ведёт от железнодорожного вокзала до порта.",
                "Город ожидает около двух тысяч велосипедистов в день.",
            ),
        ),
    ),
    "uk": (
        (
            "Міська бібліотека знову відкрилася після ремонту",
            (
                "Міська бібліотека знову відкрилася в понеділок після восьми місяців ремонту даху.",
                "Читачі знову можуть брати книжки з дев'ятої ранку до восьмої вечора.",
                "У міській раді повідомили, що роботи коштували менше, ніж планували.",
            ),
        ),
        (
            "Нова велодоріжка з'єднала вокзал і порт",
            (
                "Окрема велодоріжка тепер веде від залізничного вокзалу до порту.",
                "Місто очікує близько двох тисяч велосипедистів щодня.",
            ),
        ),
    ),
    "el": (
        (
            "Η δημοτική βιβλιοθήκη ανοίγει ξανά",
            (
                "Η δημοτική βιβλιοθήκη άνοιξε ξανά τη Δευτέρα μετά από οκτώ μήνες εργασιών στη στέγη.",
                "Οι αναγνώστες μπορούν πάλι να δανείζονται βιβλία από τις εννέα το πρωί έως τις οκτώ το βράδυ.",
                "Ο δήμος ανέφερε ότι οι εργασίες κόστισαν λιγότερο από όσο είχε προβλεφθεί.",
            ),
        ),
        (
            "Νέος ποδηλατόδρομος ενώνει τον σταθμό με το λιμάνι",
            (
                "Ένας προστατευμένος ποδηλατόδρομος συνδέει πλέον τον σιδηροδρομικό σταθμό με το λιμάνι.",
                "Ο δήμος περιμένει περίπου δύο χιλιάδες ποδηλάτες την ημέρα.",
            ),
        ),
    ),
    "sk": (
        (
            "Mestská knižnica je po oprave opäť otvorená",
            (
                "Mestská knižnica sa v pondelok opäť otvorila po ôsmich mesiacoch opravy strechy.",
                "Čitatelia si môžu znova požičiavať knihy od deviatej ráno do ôsmej večer.",
                "Mesto uviedlo, že práce stáli menej, ako sa plánovalo.",
            ),
        ),
        (
            "Nový cyklochodník spája stanicu s prístavom",
            (
                "Oddelený cyklochodník teraz vedie od železničnej stanice až k prístavu.",
                "Mesto očakáva približne dvetisíc cyklistov denne.",
            ),
        ),
    ),
    "tr": (
        (
            "Belediye kütüphanesi onarımdan sonra yeniden açıldı",
            (
                "Belediye kütüphanesi çatısındaki sekiz aylık onarımın ardından pazartesi günü yeniden açıldı.",
                "Okurlar sabah dokuzdan akşam sekize kadar yeniden kitap ödünç alabiliyor.",
                "Belediye, çalışmaların planlanandan daha ucuza mal olduğunu açıkladı.",
            ),
        ),
        (
            "Yeni bisiklet yolu istasyonu limana bağlıyor",
            (
                "Korumalı bir bisiklet yolu artık tren istasyonundan limana uzanıyor.",
                "Belediye günde yaklaşık iki bin bisikletli bekliyor.",
            ),
        ),
    ),
    "ar": (
        (
            "إعادة افتتاح المكتبة العامة بعد الترميم",
            (
                "أعيد افتتاح المكتبة العامة يوم الاثنين بعد ثمانية أشهر من أعمال ترميم السقف.",
                "يمكن للقراء استعارة الكتب مرة أخرى من التاسعة صباحا حتى الثامنة مساء.",
                "وقالت البلدية إن الأعمال كلفت أقل مما كان مخططا له.",
            ),
        ),
        (
            "مسار جديد للدراجات يربط المحطة بالميناء",
            (
                "يمتد الآن مسار محمي للدراجات من محطة القطار إلى الميناء.",
                "وتتوقع المدينة نحو ألفي راكب دراجة يوميا.",
            ),
        ),
    ),
    "fa": (
        (
            "کتابخانه شهر پس از تعمیرات دوباره باز شد",
            (
                "کتابخانه شهر روز دوشنبه پس از هشت ماه تعمیر سقف دوباره باز شد.",
                "خوانندگان دوباره می‌توانند از ساعت نه صبح تا هشت شب کتاب امانت بگیرند.",
                "شهرداری اعلام کرد که هزینه کارها کمتر از برنامه بوده است.",
            ),
        ),
        (
            "مسیر تازه دوچرخه ایستگاه را به بندر وصل می‌کند",
            (
                "یک مسیر امن دوچرخه اکنون از ایستگاه قطار تا بندر کشیده شده است.",
                "شهرداری روزانه حدود دو هزار دوچرخه‌سوار را انتظار دارد.",
            ),
        ),
    ),
    "hi": (
        (
            "मरम्मत के बाद नगर पुस्तकालय फिर खुला",
            (
                "नगर पुस्तकालय छत की आठ महीने की मरम्मत के बाद सोमवार को फिर से खुल गया।",
                "पाठक अब सुबह नौ बजे से रात आठ बजे तक फिर से किताबें ले सकते हैं।",
                "नगर निगम ने बताया कि काम पर अनुमान से कम खर्च हुआ।",
            ),
        ),
        (
            "नई साइकिल पट्टी स्टेशन को बंदरगाह से जोड़ती है",
            (
                "एक सुरक्षित साइकिल पट्टी अब रेलवे स्टेशन से बंदरगाह तक जाती है।",
                "शहर को रोज़ लगभग दो हज़ार साइकिल सवारों की उम्मीद है।",
            ),
        ),
    ),
    "zh": (
        (
            "市图书馆修缮后重新开放",
            (
                "市图书馆经过八个月的屋顶修缮，于星期一重新开放。",
                "读者可以在上午九点到晚上八点之间借阅图书。",
                "市政府表示，工程费用低于原来的预算。",
            ),
        ),
        (
            "新自行车道连接火车站和港口",
            (
                "一条有隔离的自行车道现在从火车站通到港口。",
                "市里预计每天约有两千名骑车人使用。",
            ),
        ),
    ),
    "zh-hant": (
        (
            "市立圖書館修繕後重新開放",
            (
                "市立圖書館經過八個月的屋頂修繕，於星期一重新開放。",
                "讀者可以在上午九點到晚上八點之間借閱圖書。",
                "市政府表示，工程費用低於原來的預算。",
            ),
        ),
        (
            "新自行車道連接火車站和港口",
            (
                "一條有隔離的自行車道現在從火車站通到港口。",
                "市政府預計每天約有兩千名騎車人使用。",
            ),
        ),
    ),
    "ja": (
        (
            "市立図書館が改修を終えて再開",
            (
                "市立図書館は屋根の改修工事を八か月かけて終え、月曜日に再開した。",
                "利用者は午前九時から午後八時まで本を借りることができる。",
                "市によると、工事費は予定より少なかった。",
            ),
        ),
        (
            "駅と港を結ぶ新しい自転車道",
            (
                "駅から港まで、車道と分けられた自転車道が完成した。",
                "市は一日に約二千人の利用を見込んでいる。",
            ),
        ),
    ),
    "ko": (
        (
            "시립 도서관 보수 마치고 다시 문 열어",
            (
                "시립 도서관이 여덟 달 동안의 지붕 보수를 마치고 월요일에 다시 문을 열었다.",
                "이용자들은 오전 아홉 시부터 오후 여덟 시까지 책을 빌릴 수 있다.",
                "시는 공사비가 계획보다 적게 들었다고 밝혔다.",
            ),
        ),
        (
            "역과 항구를 잇는 새 자전거 도로",
            (
                "기차역에서 항구까지 분리된 자전거 도로가 새로 생겼다.",
                "시는 하루에 약 이천 명이 이용할 것으로 본다.",
            ),
        ),
    ),
    "th": (
        (
            "ห้องสมุดเมืองเปิดอีกครั้งหลังซ่อมแซม",
            (
                "ห้องสมุดเมืองเปิดให้บริการอีกครั้งเมื่อวันจันทร์ หลังจากซ่อมหลังคานานแปดเดือน",
                "ผู้อ่านสามารถยืมหนังสือได้ตั้งแต่เก้าโมงเช้าถึงสองทุ่ม",
                "เทศบาลระบุว่าค่าใช้จ่ายต่ำกว่าที่วางแผนไว้",
            ),
        ),
        (
            "ทางจักรยานใหม่เชื่อมสถานีรถไฟกับท่าเรือ",
            (
                "ทางจักรยานที่แยกจากถนนเชื่อมสถานีรถไฟกับท่าเรือแล้ว",
                "เทศบาลคาดว่าจะมีผู้ใช้ราวสองพันคนต่อวัน",
            ),
        ),
    ),
    "vi": (
        (
            "Thư viện thành phố mở cửa trở lại sau khi sửa chữa",
            (
                "Thư viện thành phố đã mở cửa trở lại vào thứ Hai sau tám tháng sửa mái.",
                "Bạn đọc có thể mượn sách từ chín giờ sáng đến tám giờ tối.",
                "Chính quyền thành phố cho biết chi phí thấp hơn dự kiến.",
            ),
        ),
        (
            "Làn xe đạp mới nối nhà ga với bến cảng",
            (
                "Một làn xe đạp riêng nay chạy từ nhà ga đến bến cảng.",
                "Thành phố dự kiến khoảng hai nghìn người đi xe đạp mỗi ngày.",
            ),
        ),
    ),
    "id": (
        (
            "Perpustakaan kota dibuka kembali setelah renovasi",
            (
                "Perpustakaan kota dibuka kembali pada hari Senin setelah delapan bulan perbaikan atap.",
                "Pembaca dapat meminjam buku lagi dari pukul sembilan pagi hingga delapan malam.",
                "Pemerintah kota mengatakan biaya pekerjaan lebih rendah dari rencana.",
            ),
        ),
        (
            "Jalur sepeda baru menghubungkan stasiun dan pelabuhan",
            (
                "Jalur sepeda yang terpisah kini membentang dari stasiun kereta ke pelabuhan.",
                "Kota memperkirakan sekitar dua ribu pesepeda setiap hari.",
            ),
        ),
    ),
}
