/** Intercoder agreement, disagreements and code co-occurrence over the open corpus's annotations (core/agreement). */
import type { AnnotationView, LecternApi } from '../common/contract';
import { agreement, chooseCodes, chooseCoders, disagreements, type AgreementInput } from '../core/agreement/agreement';
import { cooccurrence } from '../core/agreement/cooccurrence';
import type { CodedSpan } from '../core/agreement/units';
import { requireTagging, type ServiceContext } from './context';

type AgreementMethods = Pick<LecternApi, 'agreement' | 'disagreements' | 'cooccurrence'>;

const spanOf = (a: AnnotationView): CodedSpan => ({ id: a.id, docId: a.docId, start: a.start, end: a.end, tagIds: a.tagIds, coder: a.coder });

/** The corpus's documents, its anchored annotations (where they are now) and codebook; orphans are counted, not used. */
async function inputOf(ctx: ServiceContext): Promise<{ input: AgreementInput; orphans: number }> {
  const tagging = requireTagging(ctx);
  const [views, codebook] = [await tagging.annotations({}), await tagging.codebook({})];
  const docs = ctx.keeper.corpus.documents;
  const byId = new Map(docs.map((d) => [d.meta.id, d]));
  const anchored = views.filter((a) => !a.orphan && byId.has(a.docId));
  return {
    input: {
      documents: docs.map((d) => ({ id: d.meta.id, length: d.text.length, passages: d.passages })),
      spans: anchored.map(spanOf),
      codebook,
      textOf: (id) => byId.get(id)?.text ?? '',
    },
    orphans: views.length - anchored.length,
  };
}

export function agreementMethods(ctx: ServiceContext): AgreementMethods {
  return {
    async agreement(req) {
      const { input, orphans } = await inputOf(ctx);
      const result = agreement(input, req.unit ?? 'passage', req);
      if (orphans) result.notes.push(`${orphans} orphaned annotation(s) (not found in their document's current text) were left out.`);
      return result;
    },
    async disagreements(req) {
      return disagreements((await inputOf(ctx)).input, req);
    },
    async cooccurrence(req) {
      const { input } = await inputOf(ctx);
      const coder = req.coder ?? null;
      if (coder !== null) chooseCoders(input.spans, [coder]);
      const codes = chooseCodes(input.codebook, req.codes);
      const mode = req.mode ?? 'overlap';
      const spans = coder === null ? input.spans : input.spans.filter((s) => s.coder === coder);
      const matrix = cooccurrence({ documents: input.documents, spans, codes: codes.map((t) => t.id) }, mode);
      return { mode, coder, codes: codes.map((t) => ({ tagId: t.id, name: t.name })), ...matrix };
    },
  };
}
