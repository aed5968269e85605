import { SEED_IDS } from './seed.js';

/** A company found for a prospect search, as GET /companies returns it. */
export interface Company {
  id: string;
  prospect_search_id: string;
  name: string;
  city: string;
  country: string;
  business_type: string;
  website: string;
  match_score: number;
  review_status: 'accepted' | 'rejected' | 'pending';
  /** When the company was delivered; null while it is not (yet) delivered. */
  delivered_at: string | null;
}

/** A contact person at a company. */
export interface Prospect {
  id: string;
  company_id: string;
  prospect_search_id: string;
  first_name: string;
  last_name: string;
  job_title: string;
  email: string | null;
  linkedin_url: string | null;
}

/** A job listing of a company. */
export interface Job {
  id: string;
  company_id: string;
  title: string;
  location: string;
  department: string;
  posted_at: string;
}

/** One technology seen on a company's website. */
export interface Technology {
  name: string;
  category: string;
  first_seen: string;
  last_seen: string;
}

/** Companies, their prospects, jobs and technologies: linked, so a delivery's companies are its search's. */
export interface CompanySeed {
  companies: Company[];
  prospects: Prospect[];
  jobs: Job[];
  technologies: Map<string, Technology[]>;
}

const at = (d: string) => `2026-11-${d}T08:00:00Z`;
const uuid = (prefix: string, n: number) => `${prefix}-0000-4000-8000-${String(n).padStart(12, '0')}`;

// name, city, country, business type, score, review, delivered day (null: not delivered), contacts
const ROWS: [string, string, string, string, number, Company['review_status'], string | null, [string, string, string][]][] = [
  ['Cloudwerk Systems GmbH', 'Berlin', 'DE', 'B2B SaaS', 9.1, 'accepted', '03', [['Jonas', 'Weber', 'CTO'], ['Lea', 'Krause', 'VP Engineering']]],
  ['Alpenstack AG', 'Zürich', 'CH', 'Software development', 8.4, 'accepted', '05', [['Nina', 'Keller', 'Chief Technology Officer']]],
  ['Donau Data GmbH', 'Wien', 'AT', 'Data platform', 7.6, 'pending', '09', [['Florian', 'Huber', 'CTO'], ['Sara', 'Lang', 'Head of IT']]],
  ['Isar Analytics GmbH', 'München', 'DE', 'Analytics software', 6.2, 'pending', '14', [['Tobias', 'Maier', 'Head of Engineering']]],
  ['Nordhafen Cloud KG', 'Hamburg', 'DE', 'Cloud hosting', 4.8, 'rejected', null, [['Anja', 'Petersen', 'IT Director']]],
  ['Rheinblick Software GmbH', 'Köln', 'DE', 'ERP software', 8.9, 'accepted', '17', [['Paul', 'Schmitz', 'CTO']]],
  ['Spedition Brandl GmbH', 'Freising', 'DE', 'Freight forwarding', 7.9, 'accepted', '11', [['Martin', 'Brandl', 'Managing Director']]],
  ['Würmtal Logistik GmbH', 'Gräfelfing', 'DE', '3PL provider', 5.5, 'pending', null, [['Eva', 'Roth', 'Head of Operations']]],
];

const TECH: [string, string][] = [
  ['React', 'JavaScript framework'], ['Kubernetes', 'Container orchestration'], ['HubSpot', 'Marketing automation'],
  ['Cloudflare', 'CDN'], ['PostgreSQL', 'Database'], ['Google Analytics', 'Analytics'],
];

/** The seeded companies: six for the active search, two for the paused one. */
export function seedCompanies(): CompanySeed {
  const companies: Company[] = [];
  const prospects: Prospect[] = [];
  const jobs: Job[] = [];
  const technologies = new Map<string, Technology[]>();
  ROWS.forEach(([name, city, country, type, score, review, delivered, contacts], i) => {
    const search = i < 6 ? SEED_IDS.activeSearch : SEED_IDS.pausedSearch;
    const id = uuid('c0a80000', i + 1);
    const domain = name.toLowerCase().replace(/ (gmbh|ag|kg)$/, '').replace(/[^a-z]+/g, '-');
    companies.push({ id, prospect_search_id: search, name, city, country, business_type: type, website: `https://${domain}.example`,
      match_score: score, review_status: review, delivered_at: delivered === null ? null : at(delivered) });
    contacts.forEach(([first, last, title], j) => prospects.push({
      id: uuid('p0a80000', (i + 1) * 10 + j), company_id: id, prospect_search_id: search, first_name: first, last_name: last,
      job_title: title, email: j === 0 ? `${first[0].toLowerCase()}.${last.toLowerCase()}@${domain}.example` : null,
      linkedin_url: `https://www.linkedin.com/in/${first.toLowerCase()}-${last.toLowerCase()}-example`,
    }));
    for (let j = 0; j < i % 3; j++) {
      jobs.push({ id: uuid('j0a80000', (i + 1) * 10 + j), company_id: id, title: j === 0 ? 'Senior Backend Engineer' : 'DevOps Engineer',
        location: city, department: 'Engineering', posted_at: at(String(10 + j).padStart(2, '0')) });
    }
    technologies.set(id, TECH.filter((_, t) => (t + i) % 2 === 0).map(([tech, category]) => ({
      name: tech, category, first_seen: '2025-03-01T00:00:00Z', last_seen: at('20'),
    })));
  });
  return { companies, prospects, jobs, technologies };
}
