import { IsInt, IsOptional, Max, Min } from './class-validator.js';
import { JSONSchema } from '../decorators/json-schema.js';
import { ServerInput, WorkspaceInput } from './base-inputs.js';

// The TypeScript mixin pattern requires a constructor type taking any[].
type InputClass<T = WorkspaceInput> = new (...args: any[]) => T;

/** Adds a list tool's paging to an input class: DRF page numbers, at most 100 per page. */
function withPaging<T extends InputClass>(Base: T) {
  class Paged extends Base {
    @IsOptional()
    @IsInt()
    @Min(1)
    @JSONSchema({ description: 'Page number, from 1' })
    page?: number;

    @IsOptional()
    @IsInt()
    @Min(1)
    @Max(100)
    @JSONSchema({ description: 'Items per page (1-100, default 20)' })
    page_size?: number;
  }
  return Paged;
}

export class PageInput extends withPaging(WorkspaceInput) {}

/** Paging of a list that belongs to one server. */
export class ServerPageInput extends withPaging(ServerInput) {}
