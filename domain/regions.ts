/**
 * The five Danish regions, their out-of-hours service (Lægevagten) and the mapping from a postal
 * code to a region. The app's "Lægevagten" feature must show the service of the patient's own
 * region, and the only thing the platform knows for sure is the address, so the postal code is the
 * key.
 *
 * The mapping is an approximation: regions are made of municipalities, and a postal district may
 * cross a municipal (and so a regional) border. Each postal code is assigned to the region of the
 * municipality of its main town; a patient living on the far side of such a border is assigned to
 * the neighbouring region. Municipalities as in force since the 2007 reform.
 */

/** The five regions, spelt as in the contracts (`Region` enum). */
export type Region = 'hovedstaden' | 'sjaelland' | 'syddanmark' | 'midtjylland' | 'nordjylland';

export const REGIONS: readonly Region[] = ['hovedstaden', 'sjaelland', 'syddanmark', 'midtjylland', 'nordjylland'];

/** A telephone number in the forms a client needs. */
export interface PhoneNumber {
  /** As Danes write it, e.g. '70 11 07 07' or '1813'. */
  readonly display: string;
  /** What to put in a `tel:` link from a Danish phone: the E.164 form, or the short number itself. */
  readonly dial: string;
  /**
   * E.164 form (e.g. '+4570110707'). Absent for short numbers: 1813 and 1818 are Danish short
   * numbers, reachable only from Danish networks and without the +45 prefix.
   */
  readonly e164?: string;
  /** True for a short number (no E.164 form). */
  readonly shortNumber: boolean;
}

/** A region's out-of-hours medical service. */
export interface OutOfHoursService {
  readonly region: Region;
  /** The region's Danish name, e.g. 'Region Syddanmark'. */
  readonly regionName: string;
  /** What the region calls its service. */
  readonly name: string;
  readonly phone: PhoneNumber;
}

// Numbers from DOMAIN.md ("Out-of-hours service"). Region Hovedstaden runs Lægevagten through
// Akuttelefonen 1813; Region Sjælland has used 1818 as its common out-of-hours number since
// 1 October 2022, when it took over Lægevagten from PLO.
const SERVICES: Readonly<Record<Region, OutOfHoursService>> = {
  hovedstaden: {
    region: 'hovedstaden',
    regionName: 'Region Hovedstaden',
    name: 'Akuttelefonen 1813',
    phone: { display: '1813', dial: '1813', shortNumber: true },
  },
  sjaelland: {
    region: 'sjaelland',
    regionName: 'Region Sjælland',
    name: 'Akutnummer 1818 (Lægevagten)',
    phone: { display: '1818', dial: '1818', shortNumber: true },
  },
  syddanmark: {
    region: 'syddanmark',
    regionName: 'Region Syddanmark',
    name: 'Lægevagten',
    phone: { display: '70 11 07 07', dial: '+4570110707', e164: '+4570110707', shortNumber: false },
  },
  midtjylland: {
    region: 'midtjylland',
    regionName: 'Region Midtjylland',
    name: 'Lægevagten',
    phone: { display: '70 11 31 31', dial: '+4570113131', e164: '+4570113131', shortNumber: false },
  },
  nordjylland: {
    region: 'nordjylland',
    regionName: 'Region Nordjylland',
    name: 'Lægevagten',
    phone: { display: '70 15 03 00', dial: '+4570150300', e164: '+4570150300', shortNumber: false },
  },
};

/** The out-of-hours service of a region. */
export function outOfHoursServiceOf(region: Region): OutOfHoursService {
  return SERVICES[region];
}

/** An inclusive range of postal codes and the region its main towns belong to. */
export interface PostalRange {
  readonly from: number;
  readonly to: number;
  readonly region: Region;
  /** Why this range is where it is (the towns or municipality that decide it). */
  readonly note: string;
}

/**
 * Postal codes → region, sorted and without overlaps (a test checks both). Codes not covered
 * (0000–0999 special and PO-box codes, 3800–3899 formerly the Faroe Islands, 3900–3999 Greenland)
 * are not mainland/Bornholm addresses. The exceptions to the thousand-blocks come from the 2007
 * municipalities: Greve and Solrød belong to Region Sjælland, Skibby to Frederikssund
 * (Hovedstaden), Hedensted, Herning and Ikast-Brande to Midtjylland, Thyholm to Struer
 * (Midtjylland), Møldrup to Viborg (Midtjylland).
 */
export const POSTAL_RANGES: readonly PostalRange[] = [
  { from: 1000, to: 2669, region: 'hovedstaden', note: 'København, Frederiksberg and the western suburbs' },
  { from: 2670, to: 2699, region: 'sjaelland', note: 'Greve, Solrød Strand, Karlslunde (Greve and Solrød)' },
  { from: 2700, to: 3699, region: 'hovedstaden', note: 'northern suburbs and Nordsjælland' },
  { from: 3700, to: 3799, region: 'hovedstaden', note: 'Bornholm (and Christiansø)' },
  { from: 4000, to: 4049, region: 'sjaelland', note: 'Roskilde, Tune, Jyllinge' },
  { from: 4050, to: 4059, region: 'hovedstaden', note: 'Skibby (Frederikssund Kommune)' },
  { from: 4060, to: 4999, region: 'sjaelland', note: 'Sjælland, Lolland, Falster, Møn' },
  { from: 5000, to: 5999, region: 'syddanmark', note: 'Fyn, Langeland, Ærø' },
  { from: 6000, to: 6879, region: 'syddanmark', note: 'Kolding, Sønderjylland, Esbjerg, Varde' },
  { from: 6880, to: 6999, region: 'midtjylland', note: 'Tarm, Skjern, Ringkøbing, Kibæk, Ulfborg' },
  { from: 7000, to: 7129, region: 'syddanmark', note: 'Fredericia, Børkop, Vejle' },
  { from: 7130, to: 7172, region: 'midtjylland', note: 'Juelsminde, Stouby, Barrit, Tørring, Uldum (Hedensted)' },
  { from: 7173, to: 7269, region: 'syddanmark', note: 'Vonge, Bredsten, Randbøl, Vandel, Billund, Grindsted' },
  { from: 7270, to: 7299, region: 'midtjylland', note: 'Stakroge, Sønder Felding (Herning)' },
  { from: 7300, to: 7329, region: 'syddanmark', note: 'Jelling, Gadbjerg, Give (Vejle)' },
  { from: 7330, to: 7399, region: 'midtjylland', note: 'Brande, Ejstrupholm, Hampen (Ikast-Brande)' },
  { from: 7400, to: 7699, region: 'midtjylland', note: 'Herning, Ikast, Holstebro, Struer, Lemvig' },
  { from: 7700, to: 7789, region: 'nordjylland', note: 'Thisted, Hanstholm, Hurup (Thisted Kommune)' },
  { from: 7790, to: 7899, region: 'midtjylland', note: 'Thyholm (Struer), Skive, Vinderup, Fur' },
  { from: 7900, to: 7999, region: 'nordjylland', note: 'Mors (Morsø)' },
  { from: 8000, to: 8999, region: 'midtjylland', note: 'Aarhus, Silkeborg, Horsens, Viborg, Randers, Djursland' },
  { from: 9000, to: 9631, region: 'nordjylland', note: 'Aalborg, Himmerland' },
  { from: 9632, to: 9632, region: 'midtjylland', note: 'Møldrup (Viborg Kommune)' },
  { from: 9633, to: 9999, region: 'nordjylland', note: 'Himmerland, Vendsyssel, Læsø' },
];

const POSTAL_CODE = /^[0-9]{4}$/;

/**
 * The region of a Danish postal code, or undefined for anything that is not a four-digit
 * mainland/Bornholm code (e.g. '0800', '3900' Greenland, '100' Faroe Islands, '21OO').
 * Approximate where a postal district crosses a regional border (see the module comment).
 */
export function regionOfPostalCode(code: string): Region | undefined {
  if (!POSTAL_CODE.test(code)) return undefined;
  const n = Number(code);
  return POSTAL_RANGES.find((r) => n >= r.from && n <= r.to)?.region;
}

/** The out-of-hours service for an address's postal code, or undefined for a non-Danish code. */
export function outOfHoursFor(postalCode: string): OutOfHoursService | undefined {
  const region = regionOfPostalCode(postalCode);
  return region === undefined ? undefined : SERVICES[region];
}

/** A real postal district: code and town as the postal service writes them. */
export interface PostalTown {
  readonly postalCode: string;
  readonly town: string;
}

/**
 * Real postal code + town pairs per region, for the generators to build addresses from. Each
 * pair maps to its region through `regionOfPostalCode` (a test checks every one), and the list
 * includes some of the border exceptions so generated data exercises them.
 */
export const POSTAL_TOWNS: Readonly<Record<Region, readonly PostalTown[]>> = {
  hovedstaden: [
    { postalCode: '1050', town: 'København K' },
    { postalCode: '1620', town: 'København V' },
    { postalCode: '1850', town: 'Frederiksberg C' },
    { postalCode: '2100', town: 'København Ø' },
    { postalCode: '2200', town: 'København N' },
    { postalCode: '2300', town: 'København S' },
    { postalCode: '2400', town: 'København NV' },
    { postalCode: '2500', town: 'Valby' },
    { postalCode: '2630', town: 'Taastrup' },
    { postalCode: '2650', town: 'Hvidovre' },
    { postalCode: '2800', town: 'Kongens Lyngby' },
    { postalCode: '2900', town: 'Hellerup' },
    { postalCode: '3000', town: 'Helsingør' },
    { postalCode: '3400', town: 'Hillerød' },
    { postalCode: '3600', town: 'Frederikssund' },
    { postalCode: '3700', town: 'Rønne' },
    { postalCode: '3730', town: 'Nexø' },
    { postalCode: '4050', town: 'Skibby' },
  ],
  sjaelland: [
    { postalCode: '2670', town: 'Greve' },
    { postalCode: '2680', town: 'Solrød Strand' },
    { postalCode: '4000', town: 'Roskilde' },
    { postalCode: '4100', town: 'Ringsted' },
    { postalCode: '4180', town: 'Sorø' },
    { postalCode: '4200', town: 'Slagelse' },
    { postalCode: '4220', town: 'Korsør' },
    { postalCode: '4300', town: 'Holbæk' },
    { postalCode: '4400', town: 'Kalundborg' },
    { postalCode: '4600', town: 'Køge' },
    { postalCode: '4690', town: 'Haslev' },
    { postalCode: '4700', town: 'Næstved' },
    { postalCode: '4760', town: 'Vordingborg' },
    { postalCode: '4800', town: 'Nykøbing F' },
    { postalCode: '4900', town: 'Nakskov' },
    { postalCode: '4930', town: 'Maribo' },
  ],
  syddanmark: [
    { postalCode: '5000', town: 'Odense C' },
    { postalCode: '5500', town: 'Middelfart' },
    { postalCode: '5600', town: 'Faaborg' },
    { postalCode: '5700', town: 'Svendborg' },
    { postalCode: '5800', town: 'Nyborg' },
    { postalCode: '6000', town: 'Kolding' },
    { postalCode: '6100', town: 'Haderslev' },
    { postalCode: '6200', town: 'Aabenraa' },
    { postalCode: '6270', town: 'Tønder' },
    { postalCode: '6400', town: 'Sønderborg' },
    { postalCode: '6700', town: 'Esbjerg' },
    { postalCode: '6760', town: 'Ribe' },
    { postalCode: '6800', town: 'Varde' },
    { postalCode: '7000', town: 'Fredericia' },
    { postalCode: '7100', town: 'Vejle' },
    { postalCode: '7190', town: 'Billund' },
    { postalCode: '7200', town: 'Grindsted' },
    { postalCode: '7323', town: 'Give' },
  ],
  midtjylland: [
    { postalCode: '6900', town: 'Skjern' },
    { postalCode: '6950', town: 'Ringkøbing' },
    { postalCode: '7160', town: 'Tørring' },
    { postalCode: '7330', town: 'Brande' },
    { postalCode: '7400', town: 'Herning' },
    { postalCode: '7430', town: 'Ikast' },
    { postalCode: '7500', town: 'Holstebro' },
    { postalCode: '7600', town: 'Struer' },
    { postalCode: '7620', town: 'Lemvig' },
    { postalCode: '7800', town: 'Skive' },
    { postalCode: '8000', town: 'Aarhus C' },
    { postalCode: '8200', town: 'Aarhus N' },
    { postalCode: '8500', town: 'Grenaa' },
    { postalCode: '8600', town: 'Silkeborg' },
    { postalCode: '8700', town: 'Horsens' },
    { postalCode: '8722', town: 'Hedensted' },
    { postalCode: '8800', town: 'Viborg' },
    { postalCode: '8900', town: 'Randers C' },
  ],
  nordjylland: [
    { postalCode: '7700', town: 'Thisted' },
    { postalCode: '7900', town: 'Nykøbing M' },
    { postalCode: '9000', town: 'Aalborg' },
    { postalCode: '9200', town: 'Aalborg SV' },
    { postalCode: '9400', town: 'Nørresundby' },
    { postalCode: '9500', town: 'Hobro' },
    { postalCode: '9560', town: 'Hadsund' },
    { postalCode: '9600', town: 'Aars' },
    { postalCode: '9670', town: 'Løgstør' },
    { postalCode: '9700', town: 'Brønderslev' },
    { postalCode: '9800', town: 'Hjørring' },
    { postalCode: '9850', town: 'Hirtshals' },
    { postalCode: '9900', town: 'Frederikshavn' },
    { postalCode: '9940', town: 'Læsø' },
    { postalCode: '9990', town: 'Skagen' },
  ],
};
