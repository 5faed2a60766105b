import { describe, expect, it } from 'vitest';
import { hsdsServicesFromTables, hsdsTables, parseCsv } from './hsds-tabular.js';

describe('CSV (RFC 4180)', () => {
  it('reads quoted commas, doubled quotes, line breaks in fields, CRLF and LF, and skips blank lines', () => {
    expect(parseCsv('a,b,c\r\n1,"x, y","say ""hej"""\n2,"two\nlines",\r\n\r\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x, y', 'say "hej"'],
      ['2', 'two\nlines', ''],
    ]);
  });

  it('writes what it reads: a service survives the tables and comes back with where each field came from', () => {
    const service = {
      id: 's1',
      organization_id: 'o1',
      name: 'Strik, snak og "kaffe"',
      status: 'active',
      organization: { id: 'o1', name: 'Biblioteket', description: '' },
      schedules: [{ id: 'sc1', service_id: 's1', freq: 'WEEKLY', byday: 'WE,FR', opens_at: '14:00', closes_at: '16:00' }],
      contacts: [{ id: 'c1', service_id: 's1', name: 'Lise', phones: [{ id: 'p1', contact_id: 'c1', number: '+45 20 30 40 50' }] }],
      service_at_locations: [],
      attributes: [],
    };
    const [back] = hsdsServicesFromTables(hsdsTables([service]));
    expect(back!.service).toMatchObject({
      name: service.name,
      organization: { name: 'Biblioteket' },
      schedules: [{ byday: 'WE,FR' }],
      contacts: [{ phones: [{ number: '+45 20 30 40 50' }] }],
    });
    expect(back!.sourceOf('schedules[0].opens_at')).toEqual({ file: 'schedules.csv', line: 2, field: 'opens_at' });
    expect(back!.sourceOf('contacts[0].phones[0].number')).toEqual({ file: 'phones.csv', line: 2, field: 'number' });
    expect(back!.sourceOf('name')).toEqual({ file: 'services.csv', line: 2, field: 'name' });
  });
});
