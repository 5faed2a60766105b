import type { NewOffer } from '@henvis/contracts';

const welcome =
  'Foreningen tager imod borgere via socialnavigatøren; en fast kontaktperson tager imod første gang og introducerer til holdet.';

/**
 * The demo catalogue: offers of the kind Norddjurs municipality has (associations, a municipal activity centre, the
 * library, a companion service). Names, addresses and people are made up for the demo.
 */
export const norddjursCatalogue: NewOffer[] = [
  {
    organization: { name: 'Grenaa Gåklub', description: 'Forening for gåture i alle tempi.' },
    service: { name: 'Gåture for alle', description: 'Gåture på 3-5 km fra havnen, med kaffe bagefter. Man går i sit eget tempo.' },
    location: { name: 'Grenaa Havn, ved Kattegatcentret', address: { address1: 'Færgevej 4', postalCode: '8500', city: 'Grenaa' } },
    schedules: [{ byDay: ['TU', 'TH'], opensAt: '10:00', closesAt: '11:30' }],
    contacts: [{ name: 'Kirsten Holm', phone: '+45 21 43 65 87' }],
    categories: ['walking', 'physical_activity', 'community'],
    receptionAgreement: welcome,
  },
  {
    organization: { name: 'Norddjurs Bibliotekerne', description: 'Kommunens biblioteker.' },
    service: { name: 'Strikkecafé', description: 'Strik, kaffe og snak. Garn og pinde kan lånes.' },
    location: { name: 'Grenaa Bibliotek', address: { address1: 'Markedsgade 1', postalCode: '8500', city: 'Grenaa' } },
    schedules: [{ byDay: ['WE'], opensAt: '14:00', closesAt: '16:00' }],
    contacts: [{ name: 'Biblioteket', phone: '+45 89 59 35 00' }],
    categories: ['creative', 'community'],
    receptionAgreement: 'Bibliotekaren tager imod nye deltagere og sætter dem ved et bord med faste deltagere.',
  },
  {
    organization: { name: 'Aktivitetscenter Grenaa', description: 'Kommunalt aktivitetscenter for voksne.' },
    service: { name: 'Fællesspisning', description: 'Fælles aftensmad hver torsdag. Man melder sig til dagen før.' },
    location: { address: { address1: 'Ålykkevej 12', postalCode: '8500', city: 'Grenaa' } },
    schedules: [{ byDay: ['TH'], opensAt: '17:30', closesAt: '19:30' }],
    contacts: [{ name: 'Aktivitetscentret', phone: '+45 89 59 10 00' }],
    categories: ['shared_meal', 'community'],
    receptionAgreement: 'En medarbejder tager imod ved døren første gang og spiser med ved bordet.',
  },
  {
    organization: { name: 'Auning Seniorkor' },
    service: { name: 'Syng med i koret', description: 'Kor for alle over 50. Man behøver ikke kunne noder.' },
    location: { name: 'Auning Kulturhus', address: { address1: 'Kirkevej 2', postalCode: '8963', city: 'Auning' } },
    schedules: [{ byDay: ['MO'], opensAt: '19:00', closesAt: '21:00' }],
    contacts: [{ name: 'Jens Mølgaard', phone: '+45 40 11 22 33' }],
    categories: ['choir', 'creative', 'community'],
    receptionAgreement: welcome,
  },
  {
    organization: { name: 'Røde Kors Norddjurs' },
    service: { name: 'Følgeskab', description: 'En frivillig følger borgeren til en aktivitet de første gange, til man er faldet til.' },
    schedules: [{ byDay: ['MO', 'TU', 'WE', 'TH', 'FR'], description: 'Efter aftale' }],
    contacts: [{ name: 'Frivilligkoordinator', phone: '+45 35 25 92 00' }],
    categories: ['companion', 'community'],
    receptionAgreement: 'Socialnavigatøren aftaler første møde med den frivillige sammen med borgeren.',
  },
  {
    organization: { name: 'Allingåbro Mandeklub' },
    service: { name: 'Værkstedet', description: 'Træværksted og reparationer for mænd. Kaffe på kanden.' },
    location: { address: { address1: 'Stationsvej 20', postalCode: '8961', city: 'Allingåbro' } },
    schedules: [{ byDay: ['WE', 'FR'], opensAt: '09:00', closesAt: '12:00' }],
    contacts: [{ name: 'Ole Sørensen', phone: '+45 22 33 44 55' }],
    categories: ['creative', 'community', 'men'],
    categoryNote: 'Træværksted',
    receptionAgreement: welcome,
  },
  {
    organization: { name: 'Grenaa Idrætsforening' },
    service: { name: 'Motion for seniorer', description: 'Let motion og balancetræning i hallen.' },
    location: { name: 'Grenaa Idrætscenter', address: { address1: 'Rugårdsvej 2', postalCode: '8500', city: 'Grenaa' } },
    schedules: [{ byDay: ['MO', 'TH'], opensAt: '09:30', closesAt: '10:30' }],
    contacts: [{ name: 'Hallen', phone: '+45 86 32 12 00' }],
    categories: ['physical_activity', 'community'],
    receptionAgreement: welcome,
  },
  {
    organization: { name: 'Frivilligcenter Norddjurs' },
    service: { name: 'Bliv frivillig', description: 'Hjælp til at finde et frivilligt job, der passer til én.' },
    location: { address: { address1: 'Torvet 3', postalCode: '8500', city: 'Grenaa' } },
    schedules: [{ byDay: ['TU'], opensAt: '13:00', closesAt: '15:00' }],
    contacts: [{ name: 'Frivilligcentret', email: 'frivillig@example.dk' }],
    categories: ['volunteering', 'community'],
    receptionAgreement: 'En konsulent holder en første samtale med borgeren, gerne sammen med socialnavigatøren.',
  },
];
