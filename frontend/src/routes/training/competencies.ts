// The competencies of the published model, which courses develop: the catalogue's filter and a session's page name
// them. Read once per session (a published model does not change).
import { frameworks } from '../../lib/api';
import { competenciesOf, nameOf, type Lang } from '../../lib/framework';
import { loadTree } from '../../lib/frameworkData';

export interface CompetencyName {
  id: string;
  code: string;
  name_cs: string;
  name_en: string;
}

let published: Promise<CompetencyName[]> | null = null;

export function publishedCompetencies(): Promise<CompetencyName[]> {
  published ??= frameworks
    .list()
    .then(async (list) => {
      const fw = list.find((f) => f.status === 'published');
      if (!fw) return [];
      const tree = (await loadTree(fw.id)).data;
      return competenciesOf(tree).map(({ competency: c }) => ({ id: c.id, code: c.code, name_cs: c.name_cs, name_en: c.name_en }));
    })
    .catch((e: unknown) => {
      published = null;
      throw e;
    });
  return published;
}

/** "K3.2 Práce s rodinou". */
export function competencyLabel(c: CompetencyName, lang: Lang): string {
  return c.code ? `${c.code} ${nameOf(c, lang)}` : nameOf(c, lang);
}
