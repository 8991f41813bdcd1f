import { ApiError } from '../../../api/errors.js';
import { resolveResource, REVIEWS } from '../../../api/resources.js';
import { authorize, authorizeNonResource, rulesOf } from '../../../apiserver/authz.js';
import type { Streams } from '../../../narrator/render/renderer.js';
import type { Env } from '../../env.js';
import { requestUser } from '../../session.js';
import { reading } from './find.js';

/**
 * The reviews `kubectl auth` creates, answered about the caller and never stored: who am I (SelfSubjectReview,
 * `auth whoami`), may I (SelfSubjectAccessReview, `auth can-i`), what may I (SelfSubjectRulesReview, `can-i --list`).
 */
const ANSWERS: Record<string, (env: Env, streams: Streams, review: Review) => Promise<unknown>> = {
  SelfSubjectReview: whoAmI,
  SelfSubjectAccessReview: mayI,
  SelfSubjectRulesReview: whatMayI,
};

/** The answer to a POST on a review's path (`/apis/authorization.k8s.io/v1/selfsubjectaccessreviews`…), by path. */
export const REVIEW_PATHS = Object.fromEntries(REVIEWS.map((r) => [`/apis/${r.group}/${r.version}/${r.plural}`, ANSWERS[r.kind]!]));

interface Review {
  apiVersion: string;
  kind: string;
  spec?: {
    resourceAttributes?: { namespace?: string; verb?: string; group?: string; resource?: string; subresource?: string; name?: string };
    nonResourceAttributes?: { path?: string; verb?: string };
    namespace?: string;
  };
}

const answer = (review: Review, status: unknown) => ({ apiVersion: review.apiVersion, kind: review.kind, metadata: { creationTimestamp: null }, spec: review.spec, status });

async function whoAmI(env: Env, _: Streams, review: Review): Promise<unknown> {
  const user = requestUser(env);
  return { ...answer(review, { userInfo: { username: user.name, groups: user.groups } }), spec: undefined };
}

async function mayI(env: Env, streams: Streams, review: Review): Promise<unknown> {
  const resource = review.spec?.resourceAttributes;
  const nonResource = review.spec?.nonResourceAttributes;
  if (!resource && !nonResource) return new ApiError('Invalid', 'exactly one of nonResourceAttributes or resourceAttributes must be specified');
  const user = requestUser(env);
  return reading(env, streams, async (session) => {
    const decision = resource
      ? authorize(session.store, user, {
          verb: resource.verb ?? '',
          group: resource.group ?? '',
          resource: resource.resource ?? '',
          subresource: resource.subresource || undefined,
          namespace: resource.namespace || undefined,
          name: resource.name || undefined,
        })
      : authorizeNonResource(session.store, user, nonResource?.verb ?? '', nonResource?.path ?? '');
    const { canI } = await session.messages();
    const asked = resource ? `${resource.verb} ${resolveResource(resource.resource ?? '')?.plural ?? resource.resource}${resource.namespace ? ` (namespace ${resource.namespace})` : ''}` : `${nonResource?.verb} ${nonResource?.path}`;
    session.note(decision.allowed ? canI.allowed(user.name, decision.via) : canI.denied(user.name, asked));
    return answer(review, { allowed: decision.allowed });
  });
}

async function whatMayI(env: Env, streams: Streams, review: Review): Promise<unknown> {
  const user = requestUser(env);
  return reading(env, streams, (session) => {
    const rules = rulesOf(session.store, user, review.spec?.namespace ?? 'default');
    const resourceRules = rules.filter((r) => r.resources?.length).map(({ verbs, apiGroups, resources, resourceNames }) => ({ verbs, apiGroups, resources, ...(resourceNames && { resourceNames }) }));
    const nonResourceRules = rules.filter((r) => r.nonResourceURLs?.length).map(({ verbs, nonResourceURLs }) => ({ verbs, nonResourceURLs }));
    return answer(review, { resourceRules, nonResourceRules, incomplete: false });
  });
}
