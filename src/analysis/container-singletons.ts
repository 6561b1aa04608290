// Classes a dependency-injection container builds once per application: their constructors run
// once, however many classes inject them.
import path from 'node:path';
import type { Node } from '../ast/node';
import { findProperty, getPropertyName, getStringValue, isCall, isMember, unwrap } from '../ast/node';
import { getProjectIndex } from '../project/project-index';
import { TEST_FILE } from './callers';
import type { FileModel } from './model';

/**
 * True for a class the framework's root injector instantiates once per application:
 * - NestJS `@Injectable()` (from `@nestjs/common`) with the default scope: "The provider lifetime is
 *   strictly tied to the application lifecycle" (@nestjs/common 10.4.15
 *   `interfaces/scope-options.interface.d.ts:5-10`), one instance per module that lists it in its
 *   `providers`: so only when exactly one module of the project (tests left out) lists it.
 *   `scope: Scope.REQUEST | Scope.TRANSIENT` makes one per request or per injection, and an options
 *   object we cannot read counts as unknown.
 * - Angular `@Injectable({ providedIn: 'root' | 'platform' })` (from `@angular/core`): the
 *   application-level (or platform) injector (@angular/core 14.3.0 `index.d.ts:3770-3777`), whose
 *   `hydrate()` calls the factory only while the record is empty and then returns the cached
 *   instance (`fesm2020/core.mjs:8713-8724`). `'any'` is one per lazy module: not once.
 */
export function isContainerSingleton(cls: Node | undefined, model: FileModel): boolean {
  if (!cls) return false;
  for (const d of cls.decorators ?? []) {
    const expr = unwrap(d.expression);
    if (!isCall(expr)) continue;
    const from = decoratorModule(unwrap(expr.callee), model);
    const options = expr.arguments[0] ? unwrap(expr.arguments[0]) : undefined;
    if (from === '@nestjs/common') return nestDefaultScope(options) && !!cls.id?.name && listedByOneModule(cls.id.name, model);
    if (from === '@angular/core') return ['root', 'platform'].includes(getStringValue(findProperty(options, 'providedIn')?.value) ?? '');
  }
  return false;
}

/** The module an `@Injectable` decorator comes from (`Injectable`, or `common.Injectable` of a namespace). */
function decoratorModule(callee: Node, model: FileModel): string | undefined {
  if (callee.type === 'Identifier') {
    if (callee.name !== 'Injectable') return undefined;
    const from = model.scopeAt(callee).resolve(callee.name)?.importFrom;
    return from?.name === 'Injectable' ? from.module : undefined;
  }
  if (!isMember(callee) || getPropertyName(callee) !== 'Injectable') return undefined;
  const obj = unwrap(callee.object);
  return obj.type === 'Identifier' ? model.scopeAt(callee).resolve(obj.name)?.importFrom?.module : undefined;
}

function nestDefaultScope(options: Node | undefined): boolean {
  if (!options) return true;
  if (options.type !== 'ObjectExpression') return false;
  const scope = findProperty(options, 'scope');
  if (!scope) return true;
  const value = unwrap(scope.value);
  return isMember(value) && getPropertyName(value) === 'DEFAULT';
}

/** Exactly one project module (tests left out) lists the class in a `providers: [...]` array. */
function listedByOneModule(className: string, model: FileModel): boolean {
  const index = getProjectIndex(model.filename);
  if (!index) return false;
  const listed = new RegExp(`providers\\s*:\\s*\\[[^\\]]*(?<![\\w$.])${className.replace(/\$/g, '\\$')}(?![\\w$])`, 'g');
  let count = 0;
  for (const f of index.files) {
    if (TEST_FILE.test(path.relative(index.root, f))) continue;
    count += (index.text(f) ?? '').match(listed)?.length ?? 0;
    if (count > 1) return false;
  }
  return count === 1;
}
