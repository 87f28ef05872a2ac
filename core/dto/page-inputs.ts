import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, Max, MaxLength, Min } from './class-validator.js';
import { JSONSchema } from '../decorators/json-schema.js';
import { ServerInput, WorkspaceInput } from './base-inputs.js';
import { SHARED_ARGUMENTS } from './shared-arguments.js';

// The TypeScript mixin pattern requires a constructor type taking any[].
type InputClass<T = WorkspaceInput> = new (...args: any[]) => T;

/** Adds a list tool's paging to an input class: DRF page numbers, at most 100 per page. */
function withPaging<T extends InputClass>(Base: T) {
  class Paged extends Base {
    @IsOptional()
    @IsInt()
    @Min(1)
    @JSONSchema({ description: SHARED_ARGUMENTS.page })
    page?: number;

    @IsOptional()
    @IsInt()
    @Min(1)
    @Max(100)
    @JSONSchema({ description: SHARED_ARGUMENTS.page_size })
    page_size?: number;
  }
  return Paged;
}

export class PageInput extends withPaging(WorkspaceInput) {}

/** Paging of a list that belongs to one server. */
export class ServerPageInput extends withPaging(ServerInput) {}

/**
 * Adds `fields` to a list tool's input: items come back as a summary (the tool's own field list) unless the caller names
 * more fields, or `["*"]` for all of them (core/results/summarize.ts).
 */
export function withFields<T extends InputClass<object>>(Base: T) {
  class WithFields extends Base {
    @IsOptional()
    @IsArray()
    @ArrayMaxSize(50)
    @IsString({ each: true })
    @MaxLength(64, { each: true })
    @JSONSchema({ type: 'array', items: { type: 'string' }, description: SHARED_ARGUMENTS.fields })
    fields?: string[];
  }
  return WithFields;
}

/** Paging plus `fields`, for list tools whose items are summarized. */
export class SummaryPageInput extends withFields(PageInput) {}
