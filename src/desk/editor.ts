import { Forbidden, Unauthenticated } from '../core/errors';
import type { Context, Editor } from '../graph/context';

export type { Editor };

/**
 * The editor a mutation runs for. The HTTP layer refuses a mutation from any other client before it
 * runs (401 without a key, 403 with a partner key); this check stands behind it for every other way
 * in (a script executing the schema with a context of its own).
 */
export function requireEditor(ctx: Context, role: Editor['role'] = 'editor'): Editor {
  const editor = ctx.editor;
  if (!editor && ctx.readOnlyKey) throw new Forbidden('This is a partner key, which reads only: editors’ mutations and the audit log need an editor or admin key');
  if (!editor) throw new Unauthenticated('Mutations need an editor key: send Authorization: Bearer <key>, made with `npm run keys -- create --name <n> --role editor`');
  if (role === 'admin' && editor.role !== 'admin') throw new Forbidden(`Only an admin key may manage keys; the key of ${editor.name} is an editor key`);
  return editor;
}
