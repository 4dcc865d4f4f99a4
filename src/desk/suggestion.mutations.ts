import { Arg, Ctx, Field, ID, InputType, Mutation, Resolver } from 'type-graphql';
import { Provenance, SubjectKind } from '../article/mention-kinds';
import { ChangeAction } from '../change/change-log';
import { BadUserInput, NotFound } from '../core/errors';
import type { Sql } from '../db/sql';
import type { Context } from '../graph/context';
import { phraseKey } from '../ingest/matcher';
import { OrganisationKind } from '../organisation/organisation-kind';
import { PlaceKind } from '../place/place-kind';
import { SubjectUnion } from '../subject/subject.union';
import type { Subject } from '../subject/subject-table';
import { subjectTables } from '../subject/subject-table';
import { countArticle, uncountArticle } from '../timeline/timeline.counts';
import { touchArticle } from './article.mutations';
import { type Write, writeAs } from './desk-writes';
import { insertSubject, readSubject } from './entity.mutations';
import { subjectRef } from './link.mutations';

@InputType({ description: 'How to accept a suggestion: as a new subject, or as another name of one the catalogue has.' })
export class AcceptSuggestionInput {
  @Field({ description: 'The suggestion’s `text` as `entitySuggestions` lists it.' })
  text!: string;

  @Field(() => ID, { nullable: true, description: 'An existing organisation, place or person the name belongs to: it becomes one of its aliases. Left out: a new subject.' })
  entity?: string | null;

  @Field(() => SubjectKind, { nullable: true, description: 'The new subject’s kind (default: the suggestion’s guess).' })
  kind?: SubjectKind | null;

  @Field(() => String, { nullable: true, description: 'The new subject’s name (default: the text).' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'The new subject’s slug (default: made from the name).' })
  slug?: string | null;

  @Field(() => OrganisationKind, { nullable: true, description: 'A new organisation’s kind (default OTHER).' })
  organisationKind?: OrganisationKind | null;

  @Field(() => PlaceKind, { nullable: true, description: 'A new place’s kind (default TOWN).' })
  placeKind?: PlaceKind | null;

  @Field(() => String, { nullable: true, description: 'A new place’s parent (a slug), or a new organisation’s.' })
  parent?: string | null;
}

/** The suggestion's rows, read in the transaction; NOT_FOUND when no article holds the name (or it was decided). */
async function occurrences(tx: Sql, text: string) {
  const formKey = phraseKey(text);
  const rows = await tx.all<{ articleId: number; field: string; offset: number; length: number; text: string; kind: SubjectKind }>(
    'SELECT article_id AS articleId, field, "offset", length, text, kind FROM entity_suggestion WHERE form_key = ? ORDER BY article_id, field, "offset"',
    [formKey],
  );
  if (rows.length === 0 || (await tx.get('SELECT 1 FROM suggestion_decision WHERE form_key = ?', [formKey]))) {
    throw new NotFound(`no suggestion reads "${text}" (take the text from entitySuggestions)`, 'text');
  }
  return { formKey, rows };
}

@Resolver()
export class SuggestionMutations {
  @Mutation(() => SubjectUnion, {
    description:
      'Accepts a suggested name (editors): a new subject, or an alias of an existing one. Every article where the name was read is linked to it (provenance EDITOR, the reading as evidence), and extraction matches it from now on.',
  })
  async acceptSuggestion(
    @Ctx() ctx: Context,
    @Arg('input', () => AcceptSuggestionInput, { description: 'The suggestion and what it becomes.' }) input: AcceptSuggestionInput,
  ): Promise<Subject> {
    const subject = await writeAs(ctx, async (write) => {
      const { tx, at, editor } = write;
      const { formKey, rows } = await occurrences(tx, input.text);
      let target: { kind: SubjectKind; id: number; type: string };
      if (input.entity) {
        const ref = await subjectRef(tx, input.entity, 'input.entity');
        if (ref.kind === SubjectKind.TOPIC) throw new BadUserInput('input.entity must be an organisation, place or person: topics have no aliases', 'input');
        const { table } = subjectTables[ref.kind];
        const row = (await tx.get<{ name: string; aliases: string; search_key: string }>(`SELECT name, aliases, search_key FROM ${table} WHERE id = ?`, [ref.id]))!;
        const aliases = JSON.parse(row.aliases) as string[];
        const name = rows[0].text;
        if (name !== row.name && !aliases.includes(name)) {
          await tx.run(`UPDATE ${table} SET aliases = ?, search_key = ?, version = version + 1, edited_at = ? WHERE id = ?`, [
            JSON.stringify([...aliases, name]),
            `${row.search_key}\t${formKey}`,
            at,
            ref.id,
          ]);
          await write.record(ChangeAction.UPDATED, { type: ref.type, id: ref.id }, { aliases }, { aliases: [...aliases, name] });
        }
        target = ref;
      } else {
        const kind = input.kind ?? rows[0].kind;
        if (kind === SubjectKind.TOPIC) throw new BadUserInput('input.kind must be ORGANISATION, PLACE or PERSON', 'input');
        const id = await insertSubject(write, {
          kind,
          name: input.name ?? rows[0].text,
          slug: input.slug,
          organisationKind: kind === SubjectKind.ORGANISATION ? (input.organisationKind ?? OrganisationKind.OTHER) : null,
          placeKind: kind === SubjectKind.PLACE ? (input.placeKind ?? PlaceKind.TOWN) : null,
          parent: kind === SubjectKind.PERSON ? undefined : input.parent,
        });
        target = { kind, id, type: subjectTables[kind].type };
      }
      await linkOccurrences(write, target, rows);
      await tx.run('INSERT INTO suggestion_decision (form_key, decision, subject_kind, subject_id, key_name, at) VALUES (?, ?, ?, ?, ?, ?)', [
        formKey,
        'ACCEPTED',
        target.kind,
        target.id,
        editor.name,
        at,
      ]);
      await tx.run('DELETE FROM entity_suggestion WHERE form_key = ?', [formKey]);
      return target;
    });
    return readSubject(ctx, subject.kind, subject.id);
  }

  @Mutation(() => Boolean, { description: 'Rejects a suggested name (editors): it is no longer suggested, whatever articles use it. Answers true.' })
  async rejectSuggestion(@Ctx() ctx: Context, @Arg('text', { description: 'The suggestion’s `text` as `entitySuggestions` lists it.' }) text: string): Promise<boolean> {
    await writeAs(ctx, async ({ tx, at, editor }) => {
      const { formKey } = await occurrences(tx, text);
      await tx.run('INSERT INTO suggestion_decision (form_key, decision, key_name, at) VALUES (?, ?, ?, ?)', [formKey, 'REJECTED', editor.name, at]);
      await tx.run('INSERT INTO audit_entry (at, key_id, key_name, action, node_type, node_id, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
        at,
        editor.keyId,
        editor.name,
        'REJECTED_SUGGESTION',
        'Suggestion',
        0,
        null,
        JSON.stringify({ text, formKey }),
      ]);
    });
    return true;
  }
}

/** Links every article the name was read in to the subject, with the readings as evidence. */
async function linkOccurrences(
  write: Write,
  target: { kind: SubjectKind; id: number; type: string },
  rows: { articleId: number; field: string; offset: number; length: number; text: string }[],
) {
  const { tx, at, editor } = write;
  const byArticle = new Map<number, typeof rows>();
  for (const row of rows) (byArticle.get(row.articleId) ?? byArticle.set(row.articleId, []).get(row.articleId)!).push(row);
  const made = JSON.stringify({ keyId: editor.keyId, name: editor.name, at });
  for (const [articleId, readings] of byArticle) {
    const evidence = JSON.stringify(readings.map((r) => ({ field: r.field, offset: r.offset, length: r.length, text: r.text, weight: 1 })));
    await uncountArticle(tx, articleId);
    await tx.run('DELETE FROM link_veto WHERE article_id = ? AND subject_kind = ? AND subject_id = ?', [articleId, target.kind, target.id]);
    const { changes } = await tx.run(
      'INSERT INTO article_link (article_id, subject_kind, subject_id, relevance, provenance, evidence, editor) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
      [articleId, target.kind, target.id, 1, Provenance.EDITOR, evidence, made],
    );
    await countArticle(tx, articleId);
    if (changes === 0) continue;
    await touchArticle(write, articleId);
    await write.record(
      'LINKED',
      { type: 'Article', id: articleId },
      null,
      { subject: `${target.type}:${target.id}`, provenance: Provenance.EDITOR },
      {
        action: ChangeAction.LINKED,
        subject: { type: target.type as never, id: target.id },
      },
    );
  }
}
