import { createRequire } from 'node:module';
import type * as ClassValidator from 'class-validator';

type Storage = ClassValidator.MetadataStorage;
type Metadata = ReturnType<Storage['getTargetValidationMetadatas']>;
type Grouped = ReturnType<Storage['groupByPropertyName']>;

const require = createRequire(import.meta.url);
const INSTALLED = Symbol.for('alpacon-mcp.validation-metadata-cache');

/**
 * class-validator finds a DTO's rules on every validation by scanning every class that has any (for inherited rules), so a
 * tool call paid for every DTO of every loaded plugin. The answer changes only when a decorator registers a rule (a plugin
 * loaded later), so it is kept per class and question until the next registration. The storage is class-validator's one
 * global store: every copy of the package that shares it validates the same way, cached or not.
 */
export function cacheValidationMetadata(storage: Storage = globalStorage()): void {
  const marked = storage as Storage & { [INSTALLED]?: true };
  if (marked[INSTALLED]) return;
  marked[INSTALLED] = true;

  let byTarget = new Map<Function | string, Map<string, Metadata>>();
  let grouped = new WeakMap<Metadata, Grouped>();
  const forget = () => {
    byTarget = new Map();
    grouped = new WeakMap();
  };

  const add = storage.addValidationMetadata.bind(storage);
  storage.addValidationMetadata = (metadata) => {
    forget();
    add(metadata);
  };

  const find = storage.getTargetValidationMetadatas.bind(storage);
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const question = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups === undefined ? '' : JSON.stringify(groups)}`;
    let answers = byTarget.get(target);
    if (!answers) byTarget.set(target, (answers = new Map()));
    let found = answers.get(question);
    // Frozen: every caller shares it (class-validator and class-validator-jsonschema only read it).
    if (!found) answers.set(question, (found = Object.freeze(find(target, schema, always, strictGroups, groups)) as Metadata));
    return found;
  };

  const group = storage.groupByPropertyName.bind(storage);
  storage.groupByPropertyName = (metadata) => {
    let byProperty = grouped.get(metadata);
    if (!byProperty) grouped.set(metadata, (byProperty = group(metadata)));
    return byProperty;
  };
}

function globalStorage(): Storage {
  const { getMetadataStorage } = require('class-validator/cjs/metadata/MetadataStorage.js') as typeof ClassValidator;
  return getMetadataStorage();
}
