// The demo's texts in the body's other working languages (issue 17): a few disputes get their title
// and summary in Chinese, French, Spanish, Russian and Arabic, and a public request for
// consultations its French and Chinese versions, filed by the registrar through the services (each
// an audited, docketed command) right after the bulk load. The generator writes titles as
// "<respondent> — <measure> <product>" from the word lists of ./dataset/names.ts; the translations
// below are of those words, set in the form "<respondent> — <measure>: <product>", which reads
// correctly in every language without declining the words.
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '@app/core';
import type { Language } from '@app/i18n';
import { DisputeTranslationsService, DocumentVersionsService } from '@app/registry';
import { MEASURE_KINDS, PRODUCTS } from './dataset/names';

type Other = Exclude<Language, 'en'>;
type Words = Record<Other, string>;
const OTHERS: readonly Other[] = ['zh', 'fr', 'es', 'ru', 'ar'];

const w = (zh: string, fr: string, es: string, ru: string, ar: string): Words => ({ zh, fr, es, ru, ar });

/** The demo's twelve members (names.ts, the first twelve). */
const MEMBER_NAMES: Record<string, Words> = {
  CHN: w('中国', 'Chine', 'China', 'Китай', 'الصين'),
  PAK: w('巴基斯坦', 'Pakistan', 'Pakistán', 'Пакистан', 'باكستان'),
  KAZ: w('哈萨克斯坦', 'Kazakhstan', 'Kazajstán', 'Казахстан', 'كازاخستان'),
  IDN: w('印度尼西亚', 'Indonésie', 'Indonesia', 'Индонезия', 'إندونيسيا'),
  MYS: w('马来西亚', 'Malaisie', 'Malasia', 'Малайзия', 'ماليزيا'),
  THA: w('泰国', 'Thaïlande', 'Tailandia', 'Таиланд', 'تايلند'),
  EGY: w('埃及', 'Égypte', 'Egipto', 'Египет', 'مصر'),
  KEN: w('肯尼亚', 'Kenya', 'Kenia', 'Кения', 'كينيا'),
  HUN: w('匈牙利', 'Hongrie', 'Hungría', 'Венгрия', 'هنغاريا'),
  SRB: w('塞尔维亚', 'Serbie', 'Serbia', 'Сербия', 'صربيا'),
  UZB: w('乌兹别克斯坦', 'Ouzbékistan', 'Uzbekistán', 'Узбекистан', 'أوزبكستان'),
  VNM: w('越南', 'Viet Nam', 'Viet Nam', 'Вьетнам', 'فييت نام'),
};

const MEASURES: Record<(typeof MEASURE_KINDS)[number], Words> = {
  'Anti-dumping duties on': w('反倾销税', 'Droits antidumping', 'Derechos antidumping', 'Антидемпинговые пошлины', 'رسوم مكافحة الإغراق'),
  'Countervailing duties on': w(
    '反补贴税',
    'Droits compensateurs',
    'Derechos compensatorios',
    'Компенсационные пошлины',
    'الرسوم التعويضية',
  ),
  'Import ban on': w('进口禁令', "Interdiction d'importation", 'Prohibición de importación', 'Запрет на импорт', 'حظر الاستيراد'),
  'Import licensing regime for': w(
    '进口许可制度',
    "Régime de licences d'importation",
    'Régimen de licencias de importación',
    'Режим импортного лицензирования',
    'نظام تراخيص الاستيراد',
  ),
  'Sanitary and phytosanitary measures on': w(
    '卫生与植物卫生措施',
    'Mesures sanitaires et phytosanitaires',
    'Medidas sanitarias y fitosanitarias',
    'Санитарные и фитосанитарные меры',
    'تدابير الصحة والصحة النباتية',
  ),
  'Technical regulations on': w('技术法规', 'Règlements techniques', 'Reglamentos técnicos', 'Технические регламенты', 'اللوائح الفنية'),
  'Safeguard measure on': w('保障措施', 'Mesure de sauvegarde', 'Medida de salvaguardia', 'Защитная мера', 'تدبير وقائي'),
  'Tariff treatment of': w('关税待遇', 'Traitement tarifaire', 'Trato arancelario', 'Тарифный режим', 'المعاملة التعريفية'),
  'Export restrictions on': w(
    '出口限制',
    "Restrictions à l'exportation",
    'Restricciones a la exportación',
    'Экспортные ограничения',
    'قيود التصدير',
  ),
  'Local content requirements for': w(
    '本地含量要求',
    'Prescriptions relatives à la teneur en éléments locaux',
    'Prescripciones en materia de contenido nacional',
    'Требования о местном содержании',
    'اشتراطات المحتوى المحلي',
  ),
  'Subsidies to producers of': w(
    '对生产者的补贴',
    'Subventions aux producteurs',
    'Subvenciones a los productores',
    'Субсидии производителям',
    'الإعانات المقدمة للمنتجين',
  ),
  'Customs valuation of': w('海关估价', 'Évaluation en douane', 'Valoración en aduana', 'Таможенная оценка', 'التقييم الجمركي'),
};

const PRODUCT_NAMES: Record<(typeof PRODUCTS)[number], Words> = {
  'fresh fruit': w('新鲜水果', 'fruits frais', 'fruta fresca', 'свежие фрукты', 'الفواكه الطازجة'),
  'flat-rolled steel': w('扁平轧制钢材', 'acier laminé plat', 'acero laminado plano', 'плоский стальной прокат', 'الصلب المسطح المدرفل'),
  'solar panels': w('太阳能电池板', 'panneaux solaires', 'paneles solares', 'солнечные панели', 'الألواح الشمسية'),
  textiles: w('纺织品', 'textiles', 'textiles', 'текстиль', 'المنسوجات'),
  poultry: w('禽肉', 'volaille', 'carne de aves de corral', 'мясо птицы', 'الدواجن'),
  rice: w('大米', 'riz', 'arroz', 'рис', 'الأرز'),
  'palm oil': w('棕榈油', 'huile de palme', 'aceite de palma', 'пальмовое масло', 'زيت النخيل'),
  'electric vehicles': w('电动汽车', 'véhicules électriques', 'vehículos eléctricos', 'электромобили', 'المركبات الكهربائية'),
  aluminium: w('铝', 'aluminium', 'aluminio', 'алюминий', 'الألومنيوم'),
  seafood: w('海产品', 'produits de la mer', 'productos del mar', 'морепродукты', 'المأكولات البحرية'),
  wine: w('葡萄酒', 'vin', 'vino', 'вино', 'النبيذ'),
  tyres: w('轮胎', 'pneumatiques', 'neumáticos', 'шины', 'الإطارات'),
  cement: w('水泥', 'ciment', 'cemento', 'цемент', 'الإسمنت'),
  pharmaceuticals: w('药品', 'produits pharmaceutiques', 'productos farmacéuticos', 'фармацевтическая продукция', 'المستحضرات الصيدلانية'),
  'rare earths': w('稀土', 'terres rares', 'tierras raras', 'редкоземельные металлы', 'العناصر الأرضية النادرة'),
  cotton: w('棉花', 'coton', 'algodón', 'хлопок', 'القطن'),
  tea: w('茶叶', 'thé', 'té', 'чай', 'الشاي'),
  'dairy products': w('乳制品', 'produits laitiers', 'productos lácteos', 'молочная продукция', 'منتجات الألبان'),
  sugar: w('食糖', 'sucre', 'azúcar', 'сахар', 'السكر'),
  fertilisers: w('化肥', 'engrais', 'fertilizantes', 'удобрения', 'الأسمدة'),
  'mobile phones': w('移动电话', 'téléphones mobiles', 'teléfonos móviles', 'мобильные телефоны', 'الهواتف المحمولة'),
  furniture: w('家具', 'meubles', 'muebles', 'мебель', 'الأثاث'),
  paper: w('纸张', 'papier', 'papel', 'бумага', 'الورق'),
  'ceramic tiles': w('瓷砖', 'carreaux de céramique', 'baldosas de cerámica', 'керамическая плитка', 'البلاط الخزفي'),
  'wind turbines': w('风力涡轮机', 'éoliennes', 'aerogeneradores', 'ветряные турбины', 'توربينات الرياح'),
  'copper cathodes': w('阴极铜', 'cathodes de cuivre', 'cátodos de cobre', 'медные катоды', 'كاثودات النحاس'),
  apparel: w('服装', 'vêtements', 'prendas de vestir', 'одежда', 'الملابس'),
  footwear: w('鞋类', 'chaussures', 'calzado', 'обувь', 'الأحذية'),
};

/** How a list of members is joined in each language. */
const AND: Words = w('、', ', ', ', ', ', ', '، ');

interface Facts {
  complainant: string;
  respondents: string[];
  measure: Words;
  product: Words;
  basis: string;
}

/** The title in the generator's form, in a language. */
function title(f: Facts, l: Other): string {
  const colon = l === 'zh' ? '：' : l === 'fr' ? ' : ' : ': ';
  return `${f.respondents[0]} — ${f.measure[l]}${colon}${f.product[l]}`;
}

/**
 * The summary, as a request's particulars (DSU 4.4: the measures at issue and the legal basis):
 * the provisions are cited as filed, being the agreements' own references.
 */
function summary(f: Facts, l: Other, names: (code: string) => string): string {
  const c = names(f.complainant);
  const r = f.respondents.join(AND[l]);
  const m = `${f.measure[l]} (${f.product[l]})`;
  switch (l) {
    case 'zh':
      return `起诉方：${c}。被诉方：${r}。争议措施：${m}。所援引的条款：${f.basis}。起诉方认为，其根据上述协定获得的利益正在丧失或减损，并请求磋商，以期达成双方满意的解决办法。`;
    case 'fr':
      return `Membre plaignant : ${c}. Membre(s) défendeur(s) : ${r}. Mesure en cause : ${m}. Dispositions invoquées : ${f.basis}. Le membre plaignant estime que des avantages résultant pour lui de ces accords se trouvent annulés ou compromis et demande l'ouverture de consultations en vue de parvenir à une solution mutuellement satisfaisante.`;
    case 'es':
      return `Miembro reclamante: ${c}. Miembro(s) demandado(s): ${r}. Medida en litigio: ${m}. Disposiciones invocadas: ${f.basis}. El miembro reclamante considera que las ventajas resultantes para él de esos acuerdos se hallan anuladas o menoscabadas y solicita la celebración de consultas con miras a llegar a una solución mutuamente satisfactoria.`;
    case 'ru':
      return `Член-заявитель: ${c}. Член(ы)-ответчик(и): ${r}. Оспариваемая мера: ${m}. Положения, на которые делается ссылка: ${f.basis}. Член-заявитель считает, что выгоды, вытекающие для него из этих соглашений, сводятся на нет или ущемляются, и просит провести консультации в целях достижения взаимоприемлемого решения.`;
    case 'ar':
      return `العضو الشاكي: ${c}. العضو المشكو منه: ${r}. التدبير محل النزاع: ${m}. الأحكام المستند إليها: ${f.basis}. ويرى العضو الشاكي أن المزايا العائدة عليه بموجب هذه الاتفاقات قد أُلغيت أو تعرضت للضرر، ويطلب إجراء مشاورات بغية التوصل إلى حل مرضٍ للطرفين.`;
  }
}

/** The measure of a generated dispute in words of the tables, or null when it is not one of theirs. */
function factsOf(row: DisputeRow): (Omit<Facts, 'respondents' | 'complainant'> & { respondentCodes: string[] }) | null {
  const kind = MEASURE_KINDS.find((k) => row.measure.startsWith(`${k} `));
  const product = kind ? (PRODUCT_NAMES as Record<string, Words>)[row.measure.slice(kind.length + 1)] : undefined;
  if (!kind || !product || !row.respondents.every((code) => MEMBER_NAMES[code]) || !MEMBER_NAMES[row.complainant]) return null;
  return { measure: MEASURES[kind], product, basis: row.legal_basis.join('; '), respondentCodes: row.respondents };
}

interface DisputeRow {
  id: string;
  measure: string;
  legal_basis: string[];
  complainant: string;
  respondents: string[];
}

/** How many of the demo's disputes get their texts in the five other languages. */
export const DEMO_TRANSLATED_DISPUTES = 3;

/** The versions of a public request for consultations, with its title in their language. */
const REQUEST_VERSIONS: { language: Other; title: (member: string) => string; text: (member: string) => string }[] = [
  {
    language: 'fr',
    title: (m) => `Demande de consultations — ${m}`,
    text: (m) => `Demande de consultations (article 4 du Mémorandum d'accord). Membre plaignant : ${m}.\n`,
  },
  {
    language: 'zh',
    title: (m) => `磋商请求 — ${m}`,
    text: (m) => `磋商请求（《争端解决谅解》第4条）。起诉方：${m}。\n`,
  },
];

/**
 * Texts in the other working languages for the first disputes whose words the tables hold, and
 * the French and Chinese versions of the first public request for consultations among them (or,
 * were there none, of another dispute).
 */
export async function addDemoTranslations(app: INestApplicationContext, db: DataSource, registrar: Actor): Promise<void> {
  const rows = (await db.query(
    `SELECT d.id, d.measures[1] AS measure, d.legal_basis,
            (SELECT m.code FROM dispute_parties p JOIN members m ON m.id = p.member_id WHERE p.dispute_id = d.id AND p.kind = 'COMPLAINANT') AS complainant,
            ARRAY(SELECT m.code FROM dispute_parties p JOIN members m ON m.id = p.member_id
                   WHERE p.dispute_id = d.id AND p.kind = 'RESPONDENT' ORDER BY p.joined_at, m.code) AS respondents
       FROM disputes d WHERE d.language = 'en' ORDER BY d.number`,
  )) as DisputeRow[];
  const translations = app.get(DisputeTranslationsService);
  const chosen: DisputeRow[] = [];
  for (const row of rows) {
    if (chosen.length === DEMO_TRANSLATED_DISPUTES) break;
    const words = factsOf(row);
    if (!words) continue;
    chosen.push(row);
    for (const language of OTHERS) {
      const names = (code: string) => MEMBER_NAMES[code][language];
      const facts: Facts = { ...words, complainant: row.complainant, respondents: words.respondentCodes.map(names) };
      await translations.add(registrar, {
        disputeId: row.id,
        language,
        title: title(facts, language),
        summary: summary(facts, language, names),
      });
    }
  }
  const [request] = (await db.query(
    `SELECT doc.id, m.code FROM documents doc JOIN members m ON m.id = doc.filed_for_member_id
      WHERE doc.kind = 'REQUEST_FOR_CONSULTATIONS' AND doc.classification = 'PUBLIC'
      ORDER BY doc.dispute_id = ANY($1::uuid[]) DESC, doc.filed_at LIMIT 1`,
    [chosen.map((d) => d.id)],
  )) as { id: string; code: string }[];
  if (!request || !MEMBER_NAMES[request.code]) return;
  for (const version of REQUEST_VERSIONS) {
    const member = MEMBER_NAMES[request.code][version.language];
    await app.get(DocumentVersionsService).add(registrar, {
      documentId: request.id,
      language: version.language,
      title: version.title(member),
      fileName: `request-for-consultations-${version.language}.txt`,
      mediaType: 'text/plain',
      content: Buffer.from(version.text(member), 'utf8').toString('base64'),
    });
  }
}
