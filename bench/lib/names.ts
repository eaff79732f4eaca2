// Word lists for the benchmark registry: states along the Belt and Road routes, trade measures,
// products, provisions and people, so that titles, dockets and rosters read like real ones.

export const MEMBERS: readonly (readonly [code: string, name: string])[] = [
  ['CHN', 'China'], ['PAK', 'Pakistan'], ['KAZ', 'Kazakhstan'], ['IDN', 'Indonesia'], ['MYS', 'Malaysia'],
  ['THA', 'Thailand'], ['EGY', 'Egypt'], ['KEN', 'Kenya'], ['HUN', 'Hungary'], ['SRB', 'Serbia'],
  ['UZB', 'Uzbekistan'], ['VNM', 'Viet Nam'], ['RUS', 'Russian Federation'], ['TUR', 'Türkiye'], ['IRN', 'Iran'],
  ['SAU', 'Saudi Arabia'], ['ARE', 'United Arab Emirates'], ['QAT', 'Qatar'], ['OMN', 'Oman'], ['KWT', 'Kuwait'],
  ['BHR', 'Bahrain'], ['JOR', 'Jordan'], ['IRQ', 'Iraq'], ['AZE', 'Azerbaijan'], ['GEO', 'Georgia'],
  ['ARM', 'Armenia'], ['KGZ', 'Kyrgyz Republic'], ['TJK', 'Tajikistan'], ['TKM', 'Turkmenistan'], ['MNG', 'Mongolia'],
  ['LAO', "Lao People's Democratic Republic"], ['KHM', 'Cambodia'], ['MMR', 'Myanmar'], ['BGD', 'Bangladesh'], ['LKA', 'Sri Lanka'],
  ['NPL', 'Nepal'], ['MDV', 'Maldives'], ['PHL', 'Philippines'], ['SGP', 'Singapore'], ['BRN', 'Brunei Darussalam'],
  ['ETH', 'Ethiopia'], ['DJI', 'Djibouti'], ['TZA', 'Tanzania'], ['NGA', 'Nigeria'], ['ZAF', 'South Africa'],
  ['MAR', 'Morocco'], ['DZA', 'Algeria'], ['GRC', 'Greece'], ['POL', 'Poland'], ['BLR', 'Belarus'],
];

/** Nationalities of roster persons who are not nationals of any member. */
export const OTHER_NATIONALITIES = ['CHE', 'NOR', 'NZL', 'CAN', 'AUS', 'GBR', 'BRA', 'MEX', 'CHL', 'URY', 'IND', 'JPN', 'KOR', 'ARG', 'COL'];

export const MEASURE_KINDS = [
  'Anti-dumping duties on',
  'Countervailing duties on',
  'Import ban on',
  'Import licensing regime for',
  'Sanitary and phytosanitary measures on',
  'Technical regulations on',
  'Safeguard measure on',
  'Tariff treatment of',
  'Export restrictions on',
  'Local content requirements for',
  'Subsidies to producers of',
  'Customs valuation of',
];

export const PRODUCTS = [
  'fresh fruit', 'flat-rolled steel', 'solar panels', 'textiles', 'poultry', 'rice', 'palm oil',
  'electric vehicles', 'aluminium', 'seafood', 'wine', 'tyres', 'cement', 'pharmaceuticals',
  'rare earths', 'cotton', 'tea', 'dairy products', 'sugar', 'fertilisers', 'mobile phones',
  'furniture', 'paper', 'ceramic tiles', 'wind turbines', 'copper cathodes', 'apparel', 'footwear',
];

export const PROVISIONS = [
  'GATT 1994 Art. I:1', 'GATT 1994 Art. III:4', 'GATT 1994 Art. XI:1', 'GATT 1994 Art. X:3(a)',
  'Anti-Dumping Agreement Art. 3.1', 'Anti-Dumping Agreement Art. 2.4', 'SCM Agreement Art. 3.1(b)',
  'SCM Agreement Art. 5(c)', 'SPS Agreement Art. 2.2', 'SPS Agreement Art. 5.1', 'TBT Agreement Art. 2.1',
  'TBT Agreement Art. 2.2', 'Agreement on Safeguards Art. 2.1', 'Customs Valuation Agreement Art. 1',
  'TRIMs Agreement Art. 2', 'GATS Art. XVII', 'TRIPS Agreement Art. 3.1', 'Import Licensing Agreement Art. 3.2',
];

export const FIRST_NAMES = [
  'Amina', 'Bolat', 'Chen', 'Dilnoza', 'Elif', 'Farid', 'Galina', 'Hassan', 'Ines', 'Jamal', 'Katalin',
  'Lin', 'Mehmet', 'Nadia', 'Oksana', 'Pham', 'Qasim', 'Rania', 'Siti', 'Tamar', 'Usman', 'Vera',
  'Wei', 'Xenia', 'Yusuf', 'Zarina', 'Aigerim', 'Bilal', 'Daria', 'Emeka', 'Fatima', 'Goran', 'Hana',
];

export const LAST_NAMES = [
  'Abenova', 'Bakirov', 'Castillo', 'Demir', 'Eriksen', 'Farouk', 'Gunawardena', 'Haddad', 'Ivanova',
  'Jovanović', 'Kaya', 'Li', 'Mahmoud', 'Nguyen', 'Okafor', 'Petrova', 'Qureshi', 'Rahman', 'Santoso',
  'Tanaka', 'Umarov', 'Varga', 'Wang', 'Xu', 'Yilmaz', 'Zhou', 'Abdullah', 'Berisha', 'Chaudhry',
  'Dlamini', 'Estrada', 'Fischer', 'Gao', 'Horváth', 'Ibrahim', 'Janssen', 'Kowalski',
];

export const EXPERTISE = [
  'trade remedies', 'SPS', 'TBT', 'subsidies', 'customs', 'services', 'intellectual property',
  'agriculture', 'public international law', 'economics', 'investment', 'dispute settlement',
];

export const LANGUAGES = ['en', 'fr', 'es', 'zh', 'ru', 'ar'];
