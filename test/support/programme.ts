/** Product names as the generators register the childhood programme's doses, back to the programme's vaccine. */
export const PROGRAMME_VACCINE: Readonly<Record<string, string>> = {
  'DiTeKiPol/Hib': 'DiTeKiPol/Hib',
  DiTeKiPol: 'DiTeKiPol',
  Prevenar: 'PCV',
  'Prevenar 13': 'PCV',
  'M-M-RVAXPRO': 'MMR',
  'Gardasil 9': 'HPV',
};
