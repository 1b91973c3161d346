/**
 * Where the postal towns of domain/regions.ts lie, so that a generated clinic's holiday substitute
 * is a neighbouring clinic and patients live in or near their clinic's town: rough coordinates, the
 * land a town is on, and a rough number of inhabitants to place clinics where people live. Danes
 * choose a GP near home (within 15 km, 5 km in the big cities), and clinics pair with a neighbour
 * for ferieafløsning. Also the area digits of a town's landline numbers, so that a clinic's number
 * fits its town. Everything is computed once, at module load.
 */
import { POSTAL_TOWNS, type PostalTown, REGIONS, type Region } from '../domain/regions.ts';

/** Towns of one region and land closer than this, in a straight line, are neighbours. */
export const NEIGHBOUR_KM = 25;

/**
 * The land a town is on. Fyn is apart from Jutland although a bridge joins them: a straight line
 * across the Little Belt or Als Fjord is no road (Faaborg to Sønderborg is 35 km across the water,
 * 150 km by road). Bornholm and Læsø are reached only by ferry: their towns are all neighbours of
 * each other and of no town elsewhere.
 */
export type Land = 'Sjælland' | 'Fyn' | 'Jylland' | 'Bornholm' | 'Læsø';

const FERRY_ISLANDS: ReadonlySet<Land> = new Set<Land>(['Bornholm', 'Læsø']);

// Postal code → [latitude, longitude, thousands of inhabitants of the town and its district (rough),
// land]. The coordinates are the town centre's, to a few hundred metres: enough to tell neighbours.
const PLACES: Readonly<Record<string, readonly [number, number, number, Land]>> = {
  // Hovedstaden
  '1050': [55.681, 12.585, 25, 'Sjælland'],
  '1620': [55.669, 12.553, 50, 'Sjælland'],
  '1850': [55.679, 12.532, 50, 'Sjælland'],
  '2100': [55.711, 12.577, 50, 'Sjælland'],
  '2200': [55.697, 12.548, 80, 'Sjælland'],
  '2300': [55.651, 12.6, 60, 'Sjælland'],
  '2400': [55.707, 12.521, 40, 'Sjælland'],
  '2500': [55.664, 12.507, 50, 'Sjælland'],
  '2630': [55.652, 12.296, 35, 'Sjælland'],
  '2650': [55.642, 12.473, 50, 'Sjælland'],
  '2800': [55.771, 12.505, 55, 'Sjælland'],
  '2900': [55.731, 12.572, 30, 'Sjælland'],
  '3000': [56.034, 12.611, 60, 'Sjælland'],
  '3400': [55.928, 12.301, 50, 'Sjælland'],
  '3600': [55.839, 12.069, 45, 'Sjælland'],
  '3700': [55.101, 14.703, 20, 'Bornholm'],
  '3730': [55.06, 15.128, 10, 'Bornholm'],
  '4050': [55.75, 11.96, 7, 'Sjælland'],
  // Sjælland (Lolland, Falster and Møn are bridged to Zealand)
  '2670': [55.583, 12.3, 50, 'Sjælland'],
  '2680': [55.533, 12.219, 23, 'Sjælland'],
  '4000': [55.642, 12.08, 90, 'Sjælland'],
  '4100': [55.443, 11.79, 35, 'Sjælland'],
  '4180': [55.432, 11.558, 30, 'Sjælland'],
  '4200': [55.403, 11.354, 80, 'Sjælland'],
  '4220': [55.33, 11.139, 22, 'Sjælland'],
  '4300': [55.716, 11.714, 70, 'Sjælland'],
  '4400': [55.681, 11.088, 48, 'Sjælland'],
  '4600': [55.458, 12.182, 60, 'Sjælland'],
  '4690': [55.323, 11.963, 22, 'Sjælland'],
  '4700': [55.23, 11.761, 82, 'Sjælland'],
  '4760': [55.01, 11.91, 45, 'Sjælland'],
  '4800': [54.766, 11.874, 40, 'Sjælland'],
  '4900': [54.831, 11.135, 20, 'Sjælland'],
  '4930': [54.775, 11.499, 15, 'Sjælland'],
  // Syddanmark
  '5000': [55.396, 10.388, 180, 'Fyn'],
  '5500': [55.506, 9.731, 38, 'Fyn'],
  '5600': [55.095, 10.242, 50, 'Fyn'],
  '5700': [55.059, 10.607, 58, 'Fyn'],
  '5800': [55.312, 10.789, 32, 'Fyn'],
  '6000': [55.49, 9.472, 90, 'Jylland'],
  '6100': [55.25, 9.488, 55, 'Jylland'],
  '6200': [55.044, 9.418, 58, 'Jylland'],
  '6270': [54.934, 8.866, 37, 'Jylland'],
  '6400': [54.909, 9.792, 74, 'Jylland'],
  '6700': [55.476, 8.459, 115, 'Jylland'],
  '6760': [55.328, 8.762, 18, 'Jylland'],
  '6800': [55.621, 8.481, 50, 'Jylland'],
  '7000': [55.565, 9.752, 50, 'Jylland'],
  '7100': [55.709, 9.536, 80, 'Jylland'],
  '7190': [55.73, 9.112, 27, 'Jylland'],
  '7200': [55.757, 8.928, 20, 'Jylland'],
  '7323': [55.845, 9.242, 12, 'Jylland'],
  // Midtjylland
  '6900': [55.951, 8.496, 20, 'Jylland'],
  '6950': [56.09, 8.244, 35, 'Jylland'],
  '7160': [55.852, 9.484, 10, 'Jylland'],
  '7330': [55.943, 9.13, 12, 'Jylland'],
  '7400': [56.137, 8.974, 85, 'Jylland'],
  '7430': [56.139, 9.158, 40, 'Jylland'],
  '7500': [56.36, 8.616, 58, 'Jylland'],
  '7600': [56.49, 8.594, 21, 'Jylland'],
  '7620': [56.549, 8.31, 20, 'Jylland'],
  '7800': [56.567, 9.028, 46, 'Jylland'],
  '8000': [56.157, 10.211, 120, 'Jylland'],
  '8200': [56.19, 10.19, 80, 'Jylland'],
  '8500': [56.412, 10.878, 25, 'Jylland'],
  '8600': [56.17, 9.545, 95, 'Jylland'],
  '8700': [55.861, 9.851, 90, 'Jylland'],
  '8722': [55.771, 9.702, 30, 'Jylland'],
  '8800': [56.453, 9.402, 97, 'Jylland'],
  '8900': [56.461, 10.037, 98, 'Jylland'],
  // Nordjylland (Mors and Vendsyssel are bridged to the rest of Jutland)
  '7700': [56.956, 8.694, 43, 'Jylland'],
  '7900': [56.795, 8.861, 20, 'Jylland'],
  '9000': [57.048, 9.919, 120, 'Jylland'],
  '9200': [57.025, 9.89, 40, 'Jylland'],
  '9400': [57.063, 9.922, 40, 'Jylland'],
  '9500': [56.643, 9.79, 25, 'Jylland'],
  '9560': [56.716, 10.117, 18, 'Jylland'],
  '9600': [56.802, 9.517, 28, 'Jylland'],
  '9670': [56.967, 9.258, 12, 'Jylland'],
  '9700': [57.27, 9.944, 36, 'Jylland'],
  '9800': [57.463, 9.982, 65, 'Jylland'],
  '9850': [57.593, 9.963, 10, 'Jylland'],
  '9900': [57.441, 10.537, 58, 'Jylland'],
  '9940': [57.264, 11.02, 2, 'Læsø'],
  '9990': [57.721, 10.583, 10, 'Jylland'],
};

/** A postal town with what the generators need to know about its surroundings. */
export interface TownArea {
  readonly town: PostalTown;
  readonly region: Region;
  readonly land: Land;
  /** Roughly how many thousand people live in and around the town: its weight as a clinic's home. */
  readonly inhabitants: number;
  /**
   * The other towns of the region on the same land within NEIGHBOUR_KM (on a ferry island, all of
   * the island's), nearest first: where a clinic's substitute and some of its patients are.
   */
  readonly neighbours: readonly PostalTown[];
  /** Every town of the region on the same land, this one included: never across the sea. */
  readonly sameLand: readonly PostalTown[];
}

function placeOf(town: PostalTown): readonly [number, number, number, Land] {
  const place = PLACES[town.postalCode];
  if (!place) {
    throw new Error(
      `generators/geography.ts has no place for postal town ${town.postalCode} ${town.town}: add its coordinates, inhabitants and land to PLACES`,
    );
  }
  return place;
}

/** The straight-line distance between two postal towns in km (flat-earth: fine at Danish scale). */
export function distanceKm(a: PostalTown, b: PostalTown): number {
  const [lat1, lon1] = placeOf(a);
  const [lat2, lon2] = placeOf(b);
  const meanLat = (((lat1 + lat2) / 2) * Math.PI) / 180;
  return Math.hypot((lon2 - lon1) * Math.cos(meanLat) * 111.32, (lat2 - lat1) * 110.57);
}

function buildAreas(): Map<string, TownArea> {
  const areas = new Map<string, TownArea>();
  for (const region of REGIONS) {
    const towns = POSTAL_TOWNS[region];
    for (const town of towns) {
      const [, , inhabitants, land] = placeOf(town);
      const sameLand = towns.filter((t) => placeOf(t)[3] === land);
      const neighbours = sameLand
        .filter((t) => t !== town && (FERRY_ISLANDS.has(land) || distanceKm(town, t) <= NEIGHBOUR_KM))
        .sort((a, b) => distanceKm(town, a) - distanceKm(town, b));
      areas.set(town.postalCode, { town, region, land, inhabitants, neighbours, sameLand });
    }
  }
  return areas;
}

const AREAS = buildAreas();

/** The area of a postal town of POSTAL_TOWNS; throws for any other town. */
export function areaOf(town: PostalTown): TownArea {
  const area = AREAS.get(town.postalCode);
  if (!area) throw new RangeError(`${town.postalCode} ${town.town} is not one of the generators' postal towns`);
  return area;
}

/** Each region's towns weighted by inhabitants: where clinics are placed. */
export const CLINIC_TOWNS: Readonly<Record<Region, readonly (readonly [TownArea, number])[]>> = {
  hovedstaden: weightedTowns('hovedstaden'),
  sjaelland: weightedTowns('sjaelland'),
  syddanmark: weightedTowns('syddanmark'),
  midtjylland: weightedTowns('midtjylland'),
  nordjylland: weightedTowns('nordjylland'),
};

function weightedTowns(region: Region): (readonly [TownArea, number])[] {
  return POSTAL_TOWNS[region].map((t) => {
    const area = areaOf(t);
    return [area, area.inhabitants] as const;
  });
}

/**
 * The leading two digits of landline numbers around a postal code, as the eight-digit numbering
 * of the late 1980s gave them by area (3x København, 4x its suburbs, Nordsjælland and Roskilde, 5x the rest
 * of Sjælland, Lolland-Falster and Bornholm, 6x Fyn, 7x Sønderjylland, South-West and West
 * Jutland, 8x East Jutland, 9x North and West Jutland). Later numbers are less tied to the area,
 * but a clinic's old landline keeps its digits, and a tester reading 45 … for a Skagen clinic
 * sees it is wrong. Each entry holds from its postal code up to the next entry's.
 */
const LANDLINE_AREAS: readonly (readonly [fromPostalCode: number, prefixes: readonly string[]])[] = [
  [1000, ['33', '35', '38']], // København, Frederiksberg
  [2100, ['35', '39']], // Østerbro, Nørrebro, Nordvest
  [2300, ['32']], // Amager
  [2400, ['35', '38']], // Nordvest
  [2500, ['36']], // Valby, Vanløse
  [2600, ['43']], // Glostrup, Albertslund, Taastrup
  [2650, ['36']], // Hvidovre
  [2660, ['43']], // Brøndby Strand, Greve
  [2680, ['56']], // Solrød Strand
  [2700, ['38', '44']], // Brønshøj, Herlev, Ballerup
  [2800, ['45']], // Lyngby, Holte, Birkerød
  [2900, ['39']], // Hellerup, Gentofte
  [2950, ['45']], // Vedbæk, Rungsted
  [3000, ['49']], // Helsingør, Hornbæk, Gilleleje
  [3300, ['47']], // Frederiksværk, Hundested
  [3400, ['48']], // Hillerød, Fredensborg
  [3500, ['44']], // Værløse
  [3520, ['48']], // Farum, Lynge
  [3600, ['47']], // Frederikssund
  [3700, ['56']], // Bornholm
  [4000, ['46']], // Roskilde
  [4050, ['47']], // Skibby
  [4060, ['46']], // Kirke Såby, Hvalsø
  [4100, ['57']], // Ringsted, Sorø
  [4200, ['58']], // Slagelse, Korsør
  [4300, ['59']], // Holbæk, Kalundborg, Odsherred
  [4600, ['56']], // Køge, Haslev, Faxe, Stevns
  [4700, ['55']], // Næstved, Vordingborg, Møn
  [4800, ['54']], // Lolland, Falster
  [5000, ['63', '66']], // Odense
  [5300, ['65']], // Kerteminde
  [5400, ['64']], // Bogense, Middelfart, Assens
  [5600, ['62']], // Faaborg, Svendborg, Langeland, Ærø
  [5800, ['65']], // Nyborg
  [6000, ['75']], // Kolding
  [6100, ['74']], // Haderslev, Aabenraa, Tønder, Sønderborg
  [6600, ['75']], // Vejen, Esbjerg, Ribe, Varde
  [6880, ['97']], // Tarm, Skjern, Ringkøbing
  [7000, ['75']], // Fredericia, Vejle, Tørring, Billund, Grindsted, Give
  [7330, ['97']], // Brande, Herning, Ikast, Holstebro, Struer, Lemvig, Thy, Skive, Mors
  [8000, ['86', '87', '89']], // Aarhus
  [8300, ['86']], // Odder, Skanderborg, Djursland, Silkeborg
  [8700, ['75']], // Horsens, Hedensted
  [8740, ['86']], // Viborg, Randers
  [9000, ['96', '98', '99']], // Aalborg
  [9500, ['98']], // Himmerland, Vendsyssel, Læsø
];

/** The leading two digits of landline numbers in a postal town, e.g. ['98'] for Skagen. */
export function landlinePrefixes(town: PostalTown): readonly string[] {
  const code = Number(town.postalCode);
  let prefixes: readonly string[] | undefined;
  for (const [from, p] of LANDLINE_AREAS) {
    if (code < from) break;
    prefixes = p;
  }
  if (!prefixes) throw new RangeError(`${town.postalCode} ${town.town} is no Danish postal town with landline numbers`);
  return prefixes;
}
