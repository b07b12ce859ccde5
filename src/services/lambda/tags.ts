// Tags on functions: TagResource, UntagResource, ListTags. Only unqualified
// function ARNs carry tags, as on AWS.
import type { FunctionRow } from '../../store/types.js';
import type { RequestContext } from '../types.js';
import type { ListTagsRequest, ListTagsResponse, TagResourceRequest, UntagResourceRequest } from './api-types.js';
import type { LambdaDeps } from './deps.js';
import { LambdaErrors } from './errors.js';
import { resolveFunction, type ResolvedFunction } from './function-ref.js';

const MAX_TAGS = 50;

export class TagsApi {
  constructor(private readonly deps: LambdaDeps) {}

  async tag(req: TagResourceRequest, ctx: RequestContext): Promise<undefined> {
    const { target, fn } = await this.load(req.Resource, ctx);
    const tags = { ...fn.tags, ...req.Tags };
    if (Object.keys(tags).length > MAX_TAGS) throw LambdaErrors.invalidParameter('Number of tags exceeds resource tag limit.');
    await this.deps.store.functions.setTags(target.key, tags);
    return undefined;
  }

  async untag(req: UntagResourceRequest, ctx: RequestContext): Promise<undefined> {
    const { target, fn } = await this.load(req.Resource, ctx);
    const tags = { ...fn.tags };
    for (const k of req.TagKeys) delete tags[k];
    await this.deps.store.functions.setTags(target.key, tags);
    return undefined;
  }

  async list(req: ListTagsRequest, ctx: RequestContext): Promise<ListTagsResponse> {
    return { Tags: (await this.load(req.Resource, ctx)).fn.tags };
  }

  /** The tagged function; only unqualified function ARNs carry tags. */
  private async load(resource: string, ctx: RequestContext): Promise<{ target: ResolvedFunction; fn: FunctionRow }> {
    const target = resolveFunction(resource, ctx);
    if (target.qualifier !== undefined) throw LambdaErrors.tagsOnQualified();
    const fn = await this.deps.store.functions.get(target.key);
    if (!fn) throw LambdaErrors.functionNotFound(target.arn);
    return { target, fn };
  }
}
