import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import { BadUserInput } from '../core/errors';
import { writeAs } from '../desk/desk-writes';
import { requireEditor } from '../desk/editor';
import type { Context } from '../graph/context';
import { type KeyRole, type PartnerKey, PartnerKeyError, PartnerKeys } from './keys';

enum ApiKeyRole {
  PARTNER = 'partner',
  EDITOR = 'editor',
  ADMIN = 'admin',
}
registerEnumType(ApiKeyRole, {
  name: 'ApiKeyRole',
  description: 'What a key may do.',
  valuesConfig: {
    PARTNER: { description: 'Read the API, within its budget.' },
    EDITOR: { description: 'Read, and run the editorial desk’s mutations.' },
    ADMIN: { description: 'As an editor, and manage keys.' },
  },
});

@ObjectType({ simpleResolvers: true, description: 'An API key as `npm run keys -- list` shows it: never its secret, which only its creation returns.' })
export class ApiKey {
  @Field(() => ID, { description: 'The key’s id (for `revokeApiKey`).' })
  id!: string;
  @Field({ description: 'Who the key is for.' })
  name!: string;
  @Field(() => ApiKeyRole, { description: 'What it may do.' })
  role!: ApiKeyRole;
  @Field({ description: 'The secret’s first 12 characters: names the key, is not secret.' })
  prefix!: string;
  @Field(() => [String], { description: 'The origins browsers may use it from; empty: any.' })
  origins!: string[];
  @Field({ description: 'It runs trusted documents only.' })
  trustedOnly!: boolean;
  @Field(() => Int, { description: 'Cost points per window.' })
  budget!: number;
  @Field(() => Int, { description: 'The window, in seconds.' })
  windowSeconds!: number;
  @Field({ description: 'When it was made (ISO 8601).' })
  createdAt!: string;
  @Field(() => String, { nullable: true, description: 'When it was revoked; null while it is live.' })
  revokedAt!: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'A new key and its secret, shown this once.' })
export class NewApiKey {
  @Field(() => ApiKey, { description: 'The key.' })
  key!: ApiKey;
  @Field({ description: 'The secret to send as `Authorization: Bearer <secret>`: only its hash is stored, so copy it now.' })
  secret!: string;
}

@InputType({ description: 'A key to make, as `npm run keys -- create` takes it.' })
export class NewApiKeyInput {
  @Field({ description: 'Who the key is for, 1 to 100 characters.' })
  name!: string;
  @Field(() => ApiKeyRole, { defaultValue: ApiKeyRole.PARTNER, description: 'What it may do (default PARTNER).' })
  role!: ApiKeyRole;
  @Field(() => [String], { nullable: true, description: 'Exact origins browsers may use it from (https://partner.example); left out: any.' })
  origins?: string[] | null;
  @Field({ defaultValue: false, description: 'Only trusted documents may be run with it.' })
  trustedOnly!: boolean;
  @Field(() => Int, { nullable: true, description: 'Cost points per window (default 250,000).' })
  budget?: number | null;
  @Field(() => Int, { nullable: true, description: 'The window in seconds, 1 to 86,400 (default 60).' })
  windowSeconds?: number | null;
}

const asApiKey = (key: PartnerKey): ApiKey => ({ ...key, origins: [...key.origins], role: key.role as ApiKeyRole });

/** A PartnerKeyError (bad name, origin, budget, unknown key) as the API reports bad input. */
function badInput<T>(work: () => Promise<T>): Promise<T> {
  return work().catch((error: unknown) => {
    throw error instanceof PartnerKeyError ? new BadUserInput(error.message, 'input') : error;
  });
}

@Resolver()
export class ApiKeyResolver {
  @Query(() => [ApiKey], { description: 'Every API key, revoked ones included, oldest first (admin keys only).' })
  async apiKeys(@Ctx() ctx: Context): Promise<ApiKey[]> {
    requireEditor(ctx, 'admin');
    return (await new PartnerKeys(ctx.sql).list()).map(asApiKey);
  }

  @Mutation(() => NewApiKey, { description: 'Makes an API key (admin keys only); the secret is in this answer and nowhere else.' })
  async createApiKey(@Ctx() ctx: Context, @Arg('input', () => NewApiKeyInput, { description: 'The key.' }) input: NewApiKeyInput): Promise<NewApiKey> {
    requireEditor(ctx, 'admin');
    return writeAs(ctx, (write) =>
      badInput(async () => {
        const { key, secret } = await new PartnerKeys(write.tx).create({
          name: input.name,
          role: input.role as KeyRole,
          origins: input.origins ?? [],
          trustedOnly: input.trustedOnly,
          budget: input.budget ?? undefined,
          windowSeconds: input.windowSeconds ?? undefined,
        });
        await write.record('CREATED', { type: 'ApiKey' as never, id: Number(key.id) }, undefined, { ...key }, null);
        return { key: asApiKey(key), secret };
      }),
    );
  }

  @Mutation(() => ApiKey, { description: 'Revokes an API key (admin keys only): every server stops accepting it within a second. Revoking a revoked key changes nothing.' })
  async revokeApiKey(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'The key’s id, or its prefix.' }) id: string): Promise<ApiKey> {
    requireEditor(ctx, 'admin');
    return writeAs(ctx, (write) =>
      badInput(async () => {
        const key = await new PartnerKeys(write.tx).revoke(id);
        await write.record('REVOKED', { type: 'ApiKey' as never, id: Number(key.id) }, undefined, { ...key }, null);
        return asApiKey(key);
      }),
    );
  }
}
