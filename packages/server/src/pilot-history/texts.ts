import type { Category, ReferralReason, closeReasons, rejectReasons, cancelReasons } from '@henvis/contracts';

// The words of the pilot history: fictitious citizens' names and what the GPs and navigators wrote. Danish, as
// the people of the pilot write.

type CloseReason = (typeof closeReasons)[number];
type RejectReason = (typeof rejectReasons)[number];
type CancelReason = (typeof cancelReasons)[number];

/** First names by sex and generation (born before 1960, 1960-1989, from 1990). */
export const firstNames = {
  female: [
    ['Inge', 'Birthe', 'Grethe', 'Bente', 'Jytte', 'Else', 'Ruth', 'Lis', 'Hanne', 'Kirsten', 'Gurli', 'Aase', 'Ellen'],
    ['Susanne', 'Lene', 'Pia', 'Tina', 'Anne', 'Helle', 'Dorthe', 'Charlotte', 'Marianne', 'Louise', 'Camilla', 'Rikke'],
    ['Sofie', 'Emma', 'Laura', 'Julie', 'Freja', 'Cecilie', 'Amalie', 'Sara', 'Mathilde', 'Caroline', 'Nanna', 'Signe'],
  ],
  male: [
    ['Poul', 'Jørgen', 'Erik', 'Bent', 'Knud', 'Arne', 'Leif', 'Svend', 'Henning', 'Preben', 'Finn', 'Kaj', 'Verner'],
    ['Lars', 'Henrik', 'Michael', 'Søren', 'Thomas', 'Jesper', 'Kim', 'Brian', 'René', 'Morten', 'Claus', 'Allan'],
    ['Mikkel', 'Emil', 'Mathias', 'Frederik', 'Lucas', 'Magnus', 'Rasmus', 'Kasper', 'Jakob', 'Tobias', 'Simon', 'Nikolaj'],
  ],
} as const;

export const surnames = [
  'Nielsen',
  'Jensen',
  'Hansen',
  'Pedersen',
  'Andersen',
  'Christensen',
  'Larsen',
  'Sørensen',
  'Rasmussen',
  'Jørgensen',
  'Petersen',
  'Madsen',
  'Kristensen',
  'Olsen',
  'Thomsen',
  'Christiansen',
  'Poulsen',
  'Johansen',
  'Møller',
  'Mortensen',
  'Knudsen',
  'Jakobsen',
  'Mikkelsen',
  'Frederiksen',
  'Laursen',
  'Østergaard',
  'Lauridsen',
  'Bach',
  'Skovgaard',
  'Dam',
  'Kjeldsen',
  'Vestergaard',
  'Overgaard',
  'Bisgaard',
  'Toft',
  'Nørgaard',
  'Brandt',
] as const;

export const referralNotes: Record<ReferralReason, readonly string[]> = {
  loneliness: [
    'Bor alene og ser næsten ingen i løbet af ugen. Savner nogen at tale med.',
    'Har mistet kontakten til de gamle kolleger efter pensionen og sidder meget alene.',
    'Ensom siden børnene flyttede. Ønsker at møde andre.',
  ],
  inactivity: [
    'Går sjældent ud. Vil gerne i gang med at bevæge sig, men ikke alene.',
    'Fysisk inaktiv efter en knæoperation. Godt genoptrænet, men mangler at komme ud.',
  ],
  low_wellbeing: [
    'Lav trivsel gennem længere tid. Ingen tegn på depression ved samtalen i dag.',
    'Føler sig trist og uden energi. Vi har talt om at finde noget, der giver glæde i hverdagen.',
  ],
  grief_or_loss: [
    'Mistede sin ægtefælle for et år siden og er ikke rigtig kommet ud siden.',
    'Sorg efter et dødsfald i familien. Har brug for et fællesskab.',
  ],
  life_change: [
    'Ny i kommunen efter en skilsmisse og kender ingen i byen.',
    'Er gået på førtidspension og mangler struktur og mennesker i hverdagen.',
    'Ny som mor og meget alene i hverdagen.',
  ],
  mental_strain: [
    'Stress efter en lang sygemelding. Har brug for et roligt sted at starte.',
    'Psykisk presset i en periode. Er i forløb hos psykolog og ønsker også at komme ud blandt andre.',
  ],
  other: ['Ønsker selv at komme mere ud blandt andre.', 'Har spurgt til muligheder for at være en del af et fællesskab.'],
};

export const wishes = [
  'Gåture, gerne sammen med andre.',
  'Noget kreativt, måske strik eller maling.',
  'Synge igen, som da jeg var yngre.',
  'Et sted at spise sammen med andre.',
  'Hjælpe andre som frivillig.',
  'Værksted eller noget med hænderne.',
  'Motion i et roligt tempo.',
] as const;

export const bestTimes = ['Formiddag', 'Efter kl. 12', 'Hverdage før kl. 15', 'Ring gerne om eftermiddagen'] as const;

export const contactNotes = {
  first: [
    'Første samtale. Talt om ønsker og interesser.',
    'Første samtale. Aftalt at mødes på biblioteket.',
    'Første samtale hjemme hos borgeren. Hun vil gerne ud blandt andre.',
    'Første samtale. Han er lidt nervøs for at komme af sted alene.',
  ],
  later: [
    'Opfølgning. Det går godt.',
    'Fulgt til første gang.',
    'Talt om, hvordan den første gang gik.',
    'Aftalt næste skridt.',
    'Kort opfølgning. Kommer fast nu.',
    'Talt om, hvad der skal til for at fortsætte på egen hånd.',
  ],
  notReached: ['Ringede, ingen svar.', 'Ikke truffet.'],
  leftMessage: ['Lagt besked på telefonsvareren.', 'Sendt en sms om at ringe tilbage.'],
} as const;

export const planGoals = [
  'Jeg vil gerne ud af huset to gange om ugen.',
  'Jeg vil gerne lære nogen at kende her i byen.',
  'Jeg vil gerne være i bedre form og gå en tur med andre.',
  'Jeg vil gerne have noget at stå op til om morgenen.',
  'Jeg vil gerne synge igen.',
  'Jeg vil gerne hjælpe andre og føle mig til nytte.',
] as const;

export const nextSteps = ['Følges til første gang.', 'Ringer selv til kontaktpersonen.', 'Mødes ved indgangen.'] as const;

export const endCriteria = [
  'Når borgeren kommer fast i et fællesskab uden følgeskab.',
  'Når borgeren selv går til aktiviteten hver uge.',
  'Når borgeren har et fast holdepunkt i ugen.',
] as const;

export const closeNotes: Record<CloseReason, string> = {
  goal_reached: 'Målet i planen er nået. Borgeren kommer nu selv ud.',
  joined_community: 'Går fast i fællesskabet og kommer selv.',
  declined: 'Borgeren ønsker ikke at fortsætte forløbet.',
  not_reachable: 'Har ikke kunnet træffe borgeren trods flere forsøg.',
  moved: 'Borgeren er flyttet fra kommunen.',
  needs_other_help: 'Har brug for anden hjælp end et fællesskab. Lægen er orienteret.',
  other: 'Forløbet afsluttes efter aftale med borgeren.',
};

export const rejectNotes: Record<RejectReason, string> = {
  outside_target_group: 'Borgeren har brug for behandling frem for et fællesskab. Lægen er orienteret.',
  outside_area: 'Borgeren bor uden for Norddjurs Kommune.',
  not_motivated: 'Borgeren ønsker ikke et forløb nu.',
  duplicate: 'Borgeren er allerede henvist.',
  other: 'Afvist efter samtale med lægen.',
};

export const cancelNotes: Record<CancelReason, string> = {
  entered_in_error: 'Sendt ved en fejl.',
  citizen_declined: 'Borgeren har fortrudt og ønsker ikke at blive kontaktet.',
  duplicate: 'Henvisningen er sendt to gange.',
  other: 'Annulleret efter aftale med borgeren.',
};

export const unmetNeedNotes: Record<Category, string> = {
  community: 'Intet fællesskab i nærheden i dagtimerne.',
  shared_meal: 'Ingen fællesspisning i weekenden.',
  walking: 'Ingen gåtur i roligt tempo i området.',
  choir: 'Intet kor for begyndere om dagen.',
  companion: 'Ingen frivillig til følgeskab de første gange.',
  men: 'Intet tilbud for mænd i dagtimerne.',
  physical_activity: 'Ingen motion for seniorer tæt på.',
  creative: 'Intet malehold i dagtimerne.',
  learning: 'Intet kursus i at bruge computer og telefon.',
  volunteering: 'Ingen frivilligopgaver, der passer til borgeren.',
  nature: 'Ingen naturgruppe i området.',
  peer_support: 'Ingen samtalegruppe for efterladte.',
  practical_help: 'Ingen hjælp til transport til aktiviteterne.',
  other: 'Borgeren ønsker noget, kataloget ikke har.',
};
