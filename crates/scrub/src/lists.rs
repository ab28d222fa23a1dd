//! The embedded word lists the rules consult. Written for ward from common knowledge: the
//! name lists are frequent US given names and surnames (facts of public census-style
//! frequency tables, typed here, not copied from any file); the rest are vocabularies of
//! threat intelligence and of US postal addresses. All entries are lowercase ASCII.

/// Frequent given names. A capitalized word found here starts a name.
pub const GIVEN_NAMES: &str = "
james john robert michael william david richard joseph thomas charles christopher daniel
matthew anthony donald steven paul andrew joshua kenneth kevin brian george edward ronald
timothy jason jeffrey ryan jacob gary nicholas eric stephen jonathan larry justin scott brandon
benjamin samuel gregory alexander raymond patrick jack dennis jerry tyler aaron jose adam henry
nathan douglas zachary peter kyle walter ethan jeremy harold keith christian roger noah gerald
carl terry sean arthur lawrence jesse dylan bryan joe billy bruce albert willie gabriel alan
juan wayne roy ralph randy eugene vincent russell elijah louis bobby philip johnny mary patricia
jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty margaret sandra
ashley kimberly emily donna michelle dorothy carol amanda melissa deborah stephanie rebecca
sharon laura cynthia kathleen amy shirley angela helen anna brenda pamela nicole emma samantha
katherine christine debra rachel catherine carolyn janet maria heather diane virginia julie
joyce victoria olivia kelly christina lauren joan evelyn judith megan cheryl andrea hannah
martha jacqueline frances gloria ann teresa kathryn sara janice jean alice doris abigail julia
judy denise marilyn beverly danielle theresa sophia marie diana brittany natalie isabella
kayla alexis lori tammy luis carlos miguel jorge pedro alejandro diego fernando ricardo manuel
francisco javier antonio rafael sofia camila valentina lucia carmen rosa guadalupe ana elena
isabel mariana gabriela daniela fatima aisha mohammed muhammad ahmed omar hassan yusuf ibrahim
wei ming jing mei hiroshi yuki kenji haruto priya anjali raj rahul amit sanjay deepak sunita
kwame kofi chidi ngozi tariq leila nadia dmitri ivan olga svetlana anastasia sergei mikhail
tatiana natasha liam lucas mason oliver elijah logan owen caleb isaac luke connor evan hunter
nolan cameron landon adrian colton carter jaxon grayson leo ezra aiden jayden levi miles
xavier dominic ian cole blake chloe zoe lily ella avery layla riley nora hazel aubrey
addison brooklyn savannah leah stella lucy paisley violet claire skylar bella aurora naomi
ellie caroline genesis kennedy maya valeria alyssa ariana allison gianna eleanor jasmine
vanessa tiffany crystal erin courtney rachael monica tracy wendy stacy dana kristen kristin
melanie erica tina holly robin jill vicki yvonne rita peggy bonnie norma lois phyllis
marjorie sheila ethel ruth esther irene edna florence lillian louise beatrice gladys
mildred eleanor agnes harriet clara edith marcus derek travis shane troy clayton jared
marco mario victor hector ruben oscar edgar sergio arturo alberto raul enrique salvador
ramon jesus angel andres emilio gustavo julio cesar hugo ernesto felipe rodrigo pablo
tomas ignacio nicolas mateo santiago sebastian joaquin leonardo martin andre darnell
tyrone jamal deshawn malik terrell lamar dwayne reginald cedric demetrius marquis latoya
keisha tanisha ebony shanice imani aaliyah jada nia ayesha zainab mariam khadija samir
karim rashid faisal hamza bilal arjun vikram suresh ramesh anand vijay kavita pooja neha
deepa lakshmi meera divya hao jun lei yan xin bo chen hui takeshi akiko sakura hana jiho
minjun seojun jisoo hyun thanh linh minh quang tuan huong giang phuong jane kate katie
beth sue tom tim jim bob rob mike dave steve chris matt nick tony dan ben sam alex jake josh
andy greg jeff ken ron don liz jen jenny becky cindy debbie vicky sally molly ellen anne
carla paula gina tara lynn joanne leslie marcia wanda rhonda tonya yolanda francesca
giovanni hans klaus pierre rosalind ingrid tobias everett magnus imogen delphine
";

/// Frequent surnames. A capitalized word found here is a name, unless it is also a common
/// English word (see [`COMMON_WORD_NAMES`]), in which case it needs a neighbour or a cue.
pub const SURNAMES: &str = "
smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez
gonzalez wilson anderson thomas taylor moore jackson martin lee perez thompson white harris
sanchez clark ramirez lewis robinson walker young allen king wright scott torres nguyen hill
flores green adams nelson baker hall rivera campbell mitchell carter roberts gomez phillips
evans turner diaz parker cruz edwards collins reyes stewart morris morales murphy cook rogers
gutierrez ortiz morgan cooper peterson bailey reed kelly howard ramos kim cox ward richardson
watson brooks chavez wood james bennett gray mendoza ruiz hughes price alvarez castillo
sanders patel myers long ross foster jimenez powell jenkins perry russell sullivan bell
coleman butler henderson barnes gonzales fisher vasquez simmons romero jordan patterson
alexander hamilton graham reynolds griffin wallace moreno west cole hayes bryant herrera
gibson ellis tran medina aguilar stevens murray ford castro marshall owens harrison fernandez
mcdonald woods washington kennedy wells vargas henry chen freeman webb tucker guzman burns
crawford olson simpson porter hunter gordon mendez silva shaw snyder mason dixon munoz hunt
hicks holmes palmer wagner black robertson boyd rose stone salazar fox warren mills meyer
rice schmidt garza daniels ferguson nichols stephens soto weaver ryan gardner payne grant
dunn kelley spencer hawkins arnold pierce vazquez hansen peters santos hart bradley knight
elliott cunningham duncan armstrong hudson carroll lane riley andrews alvarado ray delgado
berry perkins hoffman johnston matthews pena richards contreras willis carpenter lawrence
sandoval guerrero george chapman rios estrada ortega watkins greene nunez wheeler valdez
harper burke larson santiago maldonado morrison franklin carlson austin dominguez carr
lawson jacobs obrien lynch singh vega bishop montgomery oliver jensen harvey williamson
gilbert dean sims espinoza howell wong reid hanson mccoy garrett burton fuller wang weber
welch rojas lucas marquez fields park yang little banks padilla day walsh bowman schultz
luna fowler mejia davidson acosta brewer may holland juarez newman pearson curtis cortez
douglas schneider joseph barrett navarro figueroa keller avila wade molina stanley hopkins
campos barnett bates chambers caldwell beck lambert miranda byrd craig ayala lowe frazier
powers neal leonard gregory carrillo sutton fleming rhodes shelton schwartz norris jennings
watts duran walters cohen mcdaniel moran parks steele vaughn becker holt deleon barker
terry hale leon benson haynes horton miles lyons pham graves bush thornton wolfe warner
cabrera mckinney mann zimmerman dawson lara fletcher page mccarthy love robles cervantes
solis erickson reeves chang klein salinas fuentes baldwin daniel simon velasquez hardy
higgins aguirre lin cummings chandler sharp barber bowen ochoa dennis robbins liu ramsey
francis griffith paul blair oconnor cardenas pacheco cross calderon quinn moss swanson chan
rivas khan rodgers serrano fitzgerald rosales stevenson christensen manning gill curry
mclaughlin harmon mcgee gross doyle garner newton burgess reese walton blake trujillo adkins
brady goodman roman webster goodwin fischer huang potter delacruz montoya todd wu hines
mullins castaneda malone cannon tate mack sherman hubbard hodges zhang guerra wolf valencia
saunders franco rowe gallagher farmer hammond hampton townsend ingram wise gallegos clarke
barton schroeder maxwell waters logan camacho strickland norman colon parsons frank
harrington glover osborne buchanan casey floyd patton ibarra ball tyler suarez bowers
orozco salas cobb gibbs andrade bauer conner moody escobar mcguire lloyd mueller hartman
french kramer mcbride pope lindsey velazquez norton mccormick sparks flynn yates hogan marsh
macias villanueva zamora pratt stokes owen ballard lang brock villarreal charles drake
barrera cain patrick pineda burnett mercado santana shepherd bautista ali shaffer lamb
trevino mckenzie hess olsen cochran morton nash wilkins petersen briggs shah roth nicholson
holloway lozano rangel flowers hoover short arias mora valenzuela bryan meyers weiss
underwood bass greer summers houston carson morrow clayton whitaker decker yoder collier
zuniga carey wilcox melendez poole roberson larsen conley davenport copeland massey lam
huff rocha cameron jefferson hood monroe anthony pittman huynh randall singleton kirk combs
mathis christian hopper galloway kowalski novak nowak ivanov petrov smirnov volkov popov
kuznetsov sokolov yamamoto tanaka suzuki watanabe takahashi nakamura kobayashi sato ito
kato yoshida choi jung kang cho yoon jang lim han shin kwon song hwang ahn vo dang bui do
ho ngo duong ly gupta sharma kumar verma reddy rao iyer nair menon desai mehta joshi
chaudhry hussain ahmed rahman islam okafor okonkwo adeyemi mensah boateng mwangi otieno
haddad nasser khoury mansour schmitt fischer wagner becker hoffmann schulz koch richter
klein wolf neumann schwarz braun zimmermann kruger rossi russo ferrari esposito bianchi
romano colombo ricci marino greco bruno gallo conti deluca costa moretti lombardi doe
raman okonjo
";

/// Names that are also ordinary English words (or months, places, banks). Standing alone,
/// capitalized at the start of a sentence, they are probably not a person, so they count
/// as a name only next to another name part or after a cue such as "Dr." or "patient".
pub const COMMON_WORD_NAMES: &str = "
brown white green young king hill hall wood gray grey long bell rose stone fox rice hunt
black cook price day may page love wolf short lane mills banks fields little park cross
moss sharp hardy carpenter mason turner hunter bishop baker ward reed west cole ford
marshall burns ray summers powers frank flowers wise ball drake lamb nash hood mack french
grant will mark bill chase faith joy dawn summer april june august art guy max sky iris
amber crystal grace holly ruby pearl jordan austin houston washington christian miles
norman savannah aurora genesis violet hazel stella angel jesus victor
jack terry dean gill lang bass song do ho ly jun han lim bo wells harper
cain gross love wade neal holt steele miranda dixon pope sparks hale page ip
";

/// Malware families, tools and threat-actor names that would otherwise look like people.
/// They are indicators: kept verbatim, never replaced by `[NAME]`. Multi-word entries are
/// matched word by word.
pub const THREAT_NAMES: &str = "
emotet lockbit lockbit3 ryuk conti akira rhysida medusa royal hive blackcat alphv clop cl0p
qakbot qbot icedid trickbot dridex mimikatz rclone anydesk sliver havoc metasploit psexec
bloodhound sharphound impacket raccoon vidar redline lumma remcos asyncrat njrat gootloader
socgholish bumblebee pikabot darkgate daixin karakurt maui zeppelin blacksuit qilin bianlian
cuba ragnar lazarus kimsuky andariel screenconnect teamviewer atera splashtop netsupport ngrok
chisel plink winscp megasync ursnif gozi systembc latrodectus nitrogen cactus everest lorenz
trigona noescape embargo ransomhub interlock safepay phobos 8base dharma crysis mallox snatch
ransomexx babuk revil sodinokibi darkside maze egregor netwalker avaddon quantum mountlocker
blackbasta blackbyte hellokitty wannacry notpetya petya ryuk smokeloader amadey stealc
formbook lokibot nanocore warzone quasar darkcomet poisonivy plugx shadowpad cobaltstrike
bruteratel nighthawk mythic empire covenant powersploit rubeus lazagne advanced_ip_scanner
sandworm turla gamaredon muddywater oilrig apt28 apt29 apt41 apt38 fin7 fin8 fin12 ta505
ta551 ta577 wizard spider scattered spider cozy fancy bear charming kitten mustang panda
volt typhoon salt silk flax linen vanilla tempest octo
lynx nokoyawa fog chaos play blackmatter ragnarlocker medusalocker avoslocker vicesociety
moneymessage monti darkvault dragonforce eldorado fog handala helldown
killsec ransomcortex sarcoma termite threeam 3am bashe ransomed
cloak abyss alphalocker hellcat morpheus nitrogen mydecryptor royal blacklock
";

/// Multi-word threat names, kept whole. Each entry's words must all match, in order.
pub const THREAT_PHRASES: &[&[&str]] = &[
    &["cobalt", "strike"],
    &["agent", "tesla"],
    &["black", "basta"],
    &["vice", "society"],
    &["scattered", "spider"],
    &["brute", "ratel"],
    &["lazarus", "group"],
    &["sandworm", "team"],
    &["volt", "typhoon"],
    &["salt", "typhoon"],
    &["silk", "typhoon"],
    &["wizard", "spider"],
    &["cozy", "bear"],
    &["fancy", "bear"],
    &["charming", "kitten"],
    &["mustang", "panda"],
    &["money", "message"],
    &["hello", "kitty"],
    &["vanilla", "tempest"],
    &["royal", "ransomware"],
    &["play", "ransomware"],
    &["hunters", "international"],
    &["ghost", "ransomware"],
    &["brain", "cipher"],
    &["medusa", "locker"],
    &["raspberry", "robin"],
    &["luna", "moth"],
    &["silent", "ransom"],
    &["inc", "ransom"],
    &["evil", "corp"],
    &["octo", "tempest"],
];

/// Capitalized words that are never a person's name even next to one (months, weekdays,
/// institutions, products). They stop a name from growing and are never a name start.
pub const NEVER_NAMES: &str = "
the a an this that these those on in at from to of and or but after before during when
while our we it he she they his her their i no yes all any some each every our its
monday tuesday wednesday thursday friday saturday sunday january february march july
september october november december jan feb mar apr jun jul aug sep
sept oct nov dec hospital clinic center centre medical health healthcare department
dept unit ward floor wing building room lab laboratory pharmacy radiology emergency
cardiology oncology pediatrics surgery icu er ehr emr epic cerner meditech windows
microsoft google apple amazon azure aws oracle cisco fortinet citrix vmware ivanti linux
ubuntu outlook office exchange teams sharepoint onedrive chrome edge firefox powershell
cmd python java javascript hipaa hhs cisa fbi hc3 isac isao nist csf mitre att&ck stix
taxii tlp ioc iocs cve vpn rdp smb dns http https ssh ftp tls ssl mfa sso edr xdr siem soc
it security incident response team report summary timeline analysis note notes update
update: status action actions impact scope root cause finding findings recommendation
recommendations attacker attackers threat actor actors ransomware malware phishing email
e-mail message subject sender recipient user users account accounts patient patients
staff employee employees nurse nurses doctor doctors physician physicians administrator
admin vendor contractor north south east west new saint st mount mt lake fort port
name names principal management clinical informatics behavioral called bonjour bonsoir
hallo hola ciao hej
der die ein eine comentário comentario commentaire kommentar komentarz
correo courriel wiadomość nachricht mensagem mensaje
job jobs tech rad guest backup login logon logoff client member guardian fecha subpoena
network trojan fwd
county city state street avenue road drive lane boulevard court place way suite apt
initial access execution persistence privilege escalation defense evasion credential
discovery lateral movement collection exfiltration command control
approximately around about over under between within without via per using used
using after following prior until since also then later however additionally
regional memorial general university community family children's childrens
networks systems technologies software labs solutions inc llc ltd corp corporation
mercy providence baptist methodist presbyterian lutheran kaiser sutter
english french german spanish italian dutch polish czech greek russian chinese japanese
korean portuguese turkish ukrainian croatian american british summary
approved denied mistake rejected services sí
備考 备注 住所 住址 地址 주소 生年月日 出生日期 생년월일 дата рождения народження
";

/// Words that a cue may skip before its value ("MRN number is 123").
pub const FILLER_WORDS: &str = "
number no nr num # is was were are be of the a an on file record records id identifier
listed as reads ending in with: - : = # tag code value given shows showed: -> to
";

/// Words that can never be a user name, host name or other identifier value after a cue.
pub const STOP_WORDS: &str = "
the a an and or but of to in on at by for from with without into onto over under was were
is are be been being has have had do does did not no yes it its this that these those
which who whom whose what when where why how all any some each every both either neither
as so than then there here they them their he she his her him we our us you your i me my
clicked opened received reported called noticed found saw used logged signed sent tried
attempted connected downloaded ran executed accessed viewed changed reset locked disabled
enabled created deleted compromised affected involved named appeared account accounts user
users name names number numbers later also may might could would should will can must
";

/// Street-type words that end a street address ("12 Elm Street"), including the suffixes of
/// the USPS list (Publication 28, appendix C1, a US Government work).
pub const STREET_SUFFIXES: &str = "
street st avenue ave av road rd boulevard blvd lane ln drive dr court ct way place pl
terrace ter circle cir parkway pkwy highway hwy trail trl square sq alley aly crescent
cres plaza plz row loop pike turnpike path walk run crossing xing point pt ridge heights
hts via plains plain crossroad crossroads extension extensions expressway freeway fork forks
gardens garden glen green grove harbor haven hill hills hollow island isle junction key
knoll knolls lake lakes landing light lights manor meadow meadows mill mills mission mount
mountain orchard oval park parks pass passage pines port prairie radial ranch rapids rest
shoal shoals shore shores skyway spring springs spur station stravenue stream summit
throughway trace track trafficway tunnel underpass union valley viaduct view views village
ville vista wall well wells bypass camp canyon cape causeway center centre cliff club
common corner corners course courts cove creek crest curve dale dam divide estate estates
falls ferry field fields flat flats ford forest forge fort annex arcade bayou beach bend
bluff bottom branch bridge brook burg fall gateway inlet land loaf lock lodge mall mews
motorway neck overpass pine ramp rapid river route rue trailer
glens parkways valleys islands manors mountains ridges harbors fords forges greens groves
junctions squares streets villages cliffs coves burgs circles
";

/// Words after a street address that introduce a unit number ("Apt 4B").
pub const UNIT_WORDS: &str = "apt apartment suite ste unit room rm floor fl # bldg building lot";

/// US states and territories: two-letter codes and names (one or two words).
pub const STATE_CODES: &str = "
al ak az ar ca co ct de fl ga hi id il in ia ks ky la me md ma mi mn ms mo mt ne nv nh nj
nm ny nc nd oh ok or pa ri sc sd tn tx ut vt va wa wv wi wy dc pr gu vi as mp
";

/// State names; two-word names are written with an underscore and matched word by word.
pub const STATE_NAMES: &str = "
alabama alaska arizona arkansas california colorado connecticut delaware florida georgia
hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts
michigan minnesota mississippi missouri montana nebraska nevada new_hampshire new_jersey
new_mexico new_york north_carolina north_dakota ohio oklahoma oregon pennsylvania
rhode_island south_carolina south_dakota tennessee texas utah vermont virginia washington
west_virginia wisconsin wyoming puerto_rico
";

/// Month names and abbreviations, with their number.
pub const MONTHS: &[(&str, u8)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

/// Top-level domains recognised in host names. A dotted word whose last label is not here
/// ("e.g", "report.docx") is not a domain. Every two-letter country-code domain of the IANA
/// root zone is here (the ISO 3166-1 alpha-2 codes and `eu`, `uk`, `ac`).
pub const TLDS: &str = "
com net org edu gov mil int io co us uk ru cn de fr jp br in info biz xyz top online site
club shop app dev cloud tk ml ga cf gq pw cc tv me ws su ua kz by ir kp vn id th my sg hk tw
kr au nz ca mx ar cl pe ve za ng ke eg tr il sa ae qa pk bd lk np it es pt nl be ch at se no
dk fi pl cz sk hu ro bg gr rs hr si lt lv ee is ie lu li mc md ge am az uz kg tj tm mn af iq
sy lb jo ps ye om kw bh asia mobi name pro aero jobs travel tel cat coop museum onion live
life world today news link click download win bid loan date racing review stream trade work
party science men icu buzz monster rest fun space website tech store host press zip mov lol
bar best cam cfd sbs quest beauty hair skin makeup autos boats homes yachts motorcycles
support services solutions digital network email center company group media agency
social systems tools zone one vip ltd inc llc health care clinic hospital doctor dental
local lan internal corp intranet localdomain arpa home
ac ad ag ai al ao aq as aw ax ba bb bf bi bj bm bn bo bq bs bt bw bz cd cg ci ck cm cr cu
cv cw cx cy dj dm do dz ec er et eu fj fk fm fo gb gd gf gg gh gi gl gm gn gp gs gt gu gw
gy hm hn ht im je jm kh ki km kn ky la lc lr ls ly ma mg mh mk mm mo mp mq mr ms mt mu mv
mw mz na nc ne nf ni nr nu pa pf pg ph pm pn pr py re rw sb sc sd sh sl sm sn so sr ss st
sv sx sz tc td tf tg tl tn to tt tz ug uy va vc vg vi vu wf yt zm zw
";

/// Suffixes of names that only exist inside an organization's network.
pub const INTERNAL_SUFFIXES: &[&str] = &[
    "local",
    "lan",
    "internal",
    "corp",
    "intranet",
    "localdomain",
    "home.arpa",
    "ad",
    "private",
];

/// File extensions of attack artifacts: a file name ending in one is an indicator.
pub const MALWARE_EXTENSIONS: &str = "
exe dll js jse vbs vbe ps1 psm1 bat cmd hta lnk iso img vhd vhdx docm xlsm pptm dotm xll
scr msi msix jar sh elf bin so dylib apk app one pif com cpl sys ocx wsf wsh reg py pyc
zip rar 7z gz tgz tar cab ace arj
";

/// Image extensions: a file name ending in one may be a photograph of a person.
pub const PHOTO_EXTENSIONS: &str = "jpg jpeg png gif bmp heic heif tif tiff webp dcm raw cr2 nef";

/// Consumer mail providers: an address there that looks like a person's name, with no
/// sign that it belongs to an attacker, is treated as personal.
pub const WEBMAIL_DOMAINS: &str = "
gmail.com yahoo.com hotmail.com outlook.com aol.com icloud.com me.com live.com msn.com
comcast.net verizon.net att.net protonmail.com proton.me gmx.com mail.com ymail.com
";

/// Words after a large number that show it is a count, not an identifier.
pub const COUNT_NOUNS: &str = "
files records bytes kb mb gb tb rows patients users emails messages hosts devices attempts
requests events packets connections entries accounts people individuals dollars usd
lines hits queries alerts logs pages objects items times members persons bitcoin btc
";
