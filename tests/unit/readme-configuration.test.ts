import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { authProviderSchema } from '../../src/auth-provider/config';
import { startCommandSchema } from '../../src/cli/start-settings';
import { clientAppSchema } from '../../src/client-app/config';
import { imageApiSchema } from '../../src/image-api/config';
import { commonSchema, type ConfigSchema, type Field } from '../../src/kit/config';
import { DEFAULT_MESSAGE_FORMAT, DESTINATION_VARIABLE_PREFIX } from '../../src/s3/events/destinations';
import { s3Schema } from '../../src/s3/config';
import type { ServerName } from '../../src/server-names';
import { SERVERS } from '../../src/servers';
import { webhookSchema } from '../../src/webhooks/config';

/**
 * README's Configuration tables against the variables the code declares: its config schemas,
 * each server's port variable (src/servers.ts) and the S3 mock's notification destinations.
 */

/** A variable as the code declares it: its name, the seed's names it also answers to, its default and how a value is read. */
interface Variable {
  name: string;
  aliases: string[];
  defaultValue: unknown;
  parse(raw: string): unknown;
}

/** A README table row for one variable: the names in its first cell, its default cell. */
interface DocumentedVariable {
  names: string[];
  defaultText: string;
}

function fromSchema(schema: ConfigSchema): Variable[] {
  return Object.values(schema).map((field: Field<unknown>) => ({ name: field.name, aliases: [...(field.aliases ?? [])], defaultValue: field.defaultValue, parse: field.parse }));
}

/** A server's own variables: its port (or the seed's PORT when it runs alone) and its schema less the shared fields. */
function serverVariables(server: ServerName, schema: ConfigSchema): Variable[] {
  const { portVariable, defaultPort } = SERVERS[server];
  const own = Object.fromEntries(Object.entries(schema).filter(([key]) => !(key in commonSchema)));
  return [{ name: portVariable, aliases: ['PORT'], defaultValue: defaultPort, parse: Number }, ...fromSchema(own)];
}

const notificationDestinations: Variable[] = [
  { name: `${DESTINATION_VARIABLE_PREFIX}<ID>`, aliases: [], defaultValue: '', parse: String },
  { name: `${DESTINATION_VARIABLE_PREFIX}<ID>_FORMAT`, aliases: [], defaultValue: DEFAULT_MESSAGE_FORMAT, parse: String },
];

/** Each table, by the line that introduces it, with what nothing is set gives the code. */
const CODE: Record<string, Variable[]> = {
  'Shared by every server': [...fromSchema(startCommandSchema), ...fromSchema(commonSchema)],
  'S3 mock': [...serverVariables('s3', s3Schema({})), ...notificationDestinations],
  'Webhook receiver': serverVariables('webhooks', webhookSchema),
  'Image API stand-in': serverVariables('image-api', imageApiSchema({})),
  'Auth provider': serverVariables('auth', authProviderSchema),
  'Client app': serverVariables('client', clientAppSchema),
};

function backticked(text: string): string[] {
  return [...text.matchAll(/`([^`]+)`/g)].map((match) => match[1]);
}

/** Cells of a row; a `|` inside backticks belongs to its cell. */
function cells(row: string): string[] {
  return row.split(/\|(?=(?:[^`]*`[^`]*`)*[^`]*$)/).slice(1, -1).map((cell) => cell.trim());
}

/**
 * Every `| variable | default | meaning |` table of the README, by the line before it. A row may
 * name several variables (`A`, `B`) with as many defaults, and a variable's seed alias
 * (`S3_PORT` (or `PORT`)).
 */
function readmeTables(markdown: string): Map<string, DocumentedVariable[]> {
  const lines = markdown.split('\n');
  const tables = new Map<string, DocumentedVariable[]>();
  lines.forEach((line, index) => {
    if (line !== '| variable | default | meaning |') return;
    const title = lines.slice(0, index).reverse().find((previous) => previous.trim() !== '')?.replace(/:$/, '') ?? '';
    const rows: DocumentedVariable[] = [];
    for (const row of lines.slice(index + 2)) {
      if (!row.startsWith('|')) break;
      const [names, defaults] = cells(row);
      const groups = names.split(/,\s*(?=`)/);
      const defaultTexts = groups.length === 1 ? [defaults] : defaults.split(/,\s*/);
      groups.forEach((group, i) => rows.push({ names: backticked(group), defaultText: defaultTexts[i] ?? '' }));
    }
    tables.set(title, rows);
  });
  return tables;
}

/** A default cell's values: what it shows in backticks, less the names of variables it falls back to. */
function documentedValues(defaultText: string): string[] {
  return backticked(defaultText).filter((text) => !/^[A-Z][A-Z0-9_]*$/.test(text));
}

function isEmpty(value: unknown): boolean {
  return value === '' || (Array.isArray(value) && value.length === 0) || (value instanceof Map && value.size === 0);
}

/** Why README's default for `variable` is not the code's, or undefined when it is. */
function defaultMismatch(variable: Variable, documented: DocumentedVariable): string | undefined {
  const values = documentedValues(documented.defaultText);
  if (values.length === 0) return isEmpty(variable.defaultValue) ? undefined : `README gives no default, the code ${JSON.stringify(variable.defaultValue)}`;
  if (values.length > 1) return `README gives several defaults: ${documented.defaultText}`;
  return isDeepStrictEqual(variable.parse(values[0]), variable.defaultValue) ? undefined : `README says ${values[0]}, the code ${JSON.stringify(variable.defaultValue)}`;
}

const tables = readmeTables(fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8'));

describe('README configuration tables', () => {
  it('has a table for the shared settings and for each server', () => {
    expect([...tables.keys()].sort()).toEqual(Object.keys(CODE).sort());
  });

  describe.each(Object.entries(CODE))('%s', (title, variables) => {
    const rows = tables.get(title) ?? [];

    it('lists every variable the code reads, and no other', () => {
      const documented = rows.flatMap((row) => row.names).sort();
      const read = variables.flatMap((variable) => [variable.name, ...variable.aliases]).sort();
      expect(documented).toEqual(read);
    });

    it('gives each the default the code has', () => {
      const mismatches = variables.flatMap((variable) => {
        const documented = rows.find((row) => row.names[0] === variable.name);
        const mismatch = documented && defaultMismatch(variable, documented);
        return mismatch === undefined ? [] : [`${variable.name}: ${mismatch}`];
      });
      expect(mismatches).toEqual([]);
    });
  });
});
