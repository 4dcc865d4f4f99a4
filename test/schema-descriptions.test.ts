import fs from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedDirective,
  isSpecifiedScalarType,
} from 'graphql';

/**
 * Every schema coordinate (https://spec.graphql.org/draft/#sec-Schema-Coordinates) of `schema`
 * that has no description: `Type`, `Type.field`, `Type.field(arg:)`, `Enum.VALUE`, `Input.field`,
 * `@directive` and `@directive(arg:)`. The built-in scalars, directives and introspection types
 * are the spec's, not ours, and are left out.
 */
function undescribed(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const need = (coordinate: string, description: string | null | undefined) => {
    if (!description?.trim()) missing.push(coordinate);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    need(type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        need(`${type.name}.${field.name}`, field.description);
        for (const arg of field.args) need(`${type.name}.${field.name}(${arg.name}:)`, arg.description);
      }
    }
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) need(`${type.name}.${field.name}`, field.description);
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) need(`${type.name}.${value.name}`, value.description);
    }
  }
  for (const directive of schema.getDirectives()) {
    if (isSpecifiedDirective(directive)) continue;
    need(`@${directive.name}`, directive.description);
    for (const arg of directive.args) need(`@${directive.name}(${arg.name}:)`, arg.description);
  }
  return missing.sort();
}

describe('descriptions in schema/schema.graphql', () => {
  it('are on every type, field, argument, enum value and input field (the list names each one missing)', () => {
    const sdl = fs.readFileSync(path.resolve(__dirname, '../schema/schema.graphql'), 'utf8');
    expect(undescribed(buildSchema(sdl))).toEqual([]);
  });

  it('are checked everywhere: a schema missing them is reported by coordinate', () => {
    const schema = buildSchema(`
      """Described."""
      type Query { a(x: Int): E  """Described.""" b(y: In): U }
      enum E { """Described.""" ONE TWO }
      input In { """Described.""" p: Int q: Int }
      union U = Query
      interface I { f: Int }
      scalar S
      directive @d(z: Int) on FIELD
    `);
    expect(undescribed(schema)).toEqual(['@d', '@d(z:)', 'E', 'E.TWO', 'I', 'I.f', 'In', 'In.q', 'Query.a', 'Query.a(x:)', 'Query.b(y:)', 'S', 'U']);
  });
});
