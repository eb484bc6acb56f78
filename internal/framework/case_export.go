package framework

import (
	"context"
	"sort"
	"strconv"
	"strings"

	"github.com/google/uuid"

	"github.com/rozvoj/rozvoj/internal/httpx"
)

// exporter builds the CASE objects of one framework version.
type exporter struct {
	f       *Framework
	u       uris
	own     bool   // rozvoj's own framework (shipped or drafted here): fill in what CASE expects
	changed string // lastChangeDateTime of objects that carry none of their own
}

func newExporter(f *Framework, base string) *exporter {
	return &exporter{f: f, u: uris{base: strings.TrimRight(base, "/")}, own: f.Source != "import", changed: caseTime(f.UpdatedAt)}
}

func setOpt(m map[string]any, k, v string) {
	if v != "" {
		m[k] = v
	} else {
		delete(m, k)
	}
}

func setDefault(m map[string]any, k string, v any) {
	if _, ok := m[k]; !ok {
		m[k] = v
	}
}

// withTexts puts rozvoj's extension (the English texts) beside the object's other extensions.
func withTexts(m map[string]any, texts map[string]string) {
	ext := map[string]any{}
	if old, ok := m["extensions"].(map[string]any); ok {
		for k, v := range old {
			ext[k] = v
		}
	}
	r := map[string]any{}
	for k, v := range texts {
		if v != "" {
			r[k] = v
		}
	}
	if len(r) > 0 {
		ext[extKey] = r
	} else {
		delete(ext, extKey)
	}
	if len(ext) > 0 {
		m["extensions"] = ext
	} else {
		delete(m, "extensions")
	}
}

// document is the CFDocument as a package holds it.
func (e *exporter) document() map[string]any {
	f := e.f
	d := copyMap(f.CaseExtra)
	if e.own {
		creator := f.Publisher
		if creator == "" {
			creator = "rozvoj"
		}
		setDefault(d, "creator", creator)
		setDefault(d, "lastChangeDateTime", e.changed)
		setDefault(d, "caseVersion", "1.1")
		if f.PublishedOn != nil {
			setDefault(d, "statusStartDate", f.PublishedOn.String())
		}
	}
	a, has := d["adoptionStatus"].(string)
	if (has && statusOf(a) != f.Status) || (!has && (e.own || f.Status != statusOf(""))) {
		d["adoptionStatus"] = adoptionStatus(f.Status)
	}
	d["identifier"] = f.ID.String()
	d["uri"] = e.u.of("CFDocuments", f.ID.String())
	d["title"] = f.TitleCS
	setOpt(d, "description", f.DescriptionCS)
	setOpt(d, "version", f.Version)
	setOpt(d, "publisher", f.Publisher)
	setOpt(d, "language", f.Language)
	withTexts(d, map[string]string{"title_en": f.TitleEN, "description_en": f.DescriptionEN})
	return d
}

func (e *exporter) docLink() map[string]any {
	return map[string]any{"title": e.f.TitleCS, "identifier": e.f.ID.String(), "uri": e.u.of("CFDocuments", e.f.ID.String())}
}

func (e *exporter) itemLink(it *Item) map[string]any {
	return map[string]any{"title": it.NameCS, "identifier": it.ID.String(), "uri": e.u.of("CFItems", it.ID.String())}
}

// item is a CFItem as a package holds it.
func (e *exporter) item(it *Item) map[string]any {
	m := copyMap(it.CaseExtra)
	if e.own {
		setDefault(m, "lastChangeDateTime", e.changed)
		if e.f.Language != "" {
			setDefault(m, "language", e.f.Language)
		}
		if it.ItemType != "" {
			setDefault(m, "CFItemTypeURI", map[string]any{"title": it.ItemType, "identifier": itemTypeID(it.ItemType).String(),
				"uri": e.u.of("CFItemTypes", itemTypeID(it.ItemType).String())})
		}
	}
	m["identifier"] = it.ID.String()
	m["uri"] = e.u.of("CFItems", it.ID.String())
	if it.DescriptionCS != "" {
		m["fullStatement"], m["abbreviatedStatement"] = it.DescriptionCS, it.NameCS
	} else {
		m["fullStatement"] = it.NameCS
		if m["abbreviatedStatement"] != "" {
			delete(m, "abbreviatedStatement")
		}
	}
	setOpt(m, "humanCodingScheme", it.Code)
	setOpt(m, "CFItemType", it.ItemType)
	withTexts(m, map[string]string{"name_en": it.NameEN, "description_en": it.DescriptionEN})
	return m
}

// childOf is the isChildOf association that puts an item in the tree, as it came in or as rozvoj makes it.
func (e *exporter) childOf(it *Item, parent *Item) map[string]any {
	how, _ := it.CaseExtra[xChild].(map[string]any)
	a := map[string]any{}
	if fields, ok := how["fields"].(map[string]any); ok {
		for k, v := range fields {
			a[k] = v
		}
	}
	if e.own {
		setDefault(a, "lastChangeDateTime", e.changed)
	}
	id := childAssocID(it.ID).String()
	if s, ok := how["identifier"].(string); ok {
		id = s
	}
	a["identifier"] = id
	a["uri"] = e.u.of("CFAssociations", id)
	a["associationType"] = "isChildOf"
	if how["sequenceText"] == true {
		a["sequenceNumber"] = strconv.Itoa(it.Seq)
	} else if how["noSequence"] != true {
		a["sequenceNumber"] = it.Seq
	}
	origin, dest := e.itemLink(it), e.docLink()
	if parent != nil {
		dest = e.itemLink(parent)
	}
	// The links as they came, while they still name the same ends.
	if o, ok := how["origin"].(map[string]any); ok && o["identifier"] == origin["identifier"] {
		origin = o
	}
	if d, ok := how["destination"].(map[string]any); ok && d["identifier"] == dest["identifier"] {
		dest = d
	}
	a["originNodeURI"], a["destinationNodeURI"] = origin, dest
	return a
}

func linkOut(l Link, rest any) map[string]any {
	m := map[string]any{"identifier": l.Identifier, "uri": l.URI, "title": l.Title}
	if r, ok := rest.(map[string]any); ok {
		for k, v := range r {
			m[k] = v
		}
	}
	return m
}

func (e *exporter) association(a *Association) map[string]any {
	m := copyMap(a.CaseExtra)
	if e.own {
		setDefault(m, "lastChangeDateTime", e.changed)
	}
	m["identifier"] = a.ID.String()
	m["uri"] = e.u.of("CFAssociations", a.ID.String())
	m["associationType"] = a.Type
	if a.Seq != nil && a.CaseExtra[xSeqText] == true {
		m["sequenceNumber"] = strconv.Itoa(*a.Seq)
	} else if a.Seq != nil {
		m["sequenceNumber"] = *a.Seq
	} else {
		delete(m, "sequenceNumber")
	}
	m["originNodeURI"] = linkOut(a.Origin, a.CaseExtra[xOrigin])
	m["destinationNodeURI"] = linkOut(a.Destination, a.CaseExtra[xDest])
	return m
}

func indicatorsByLevel(inds []Indicator) map[int][]Indicator {
	out := map[int][]Indicator{}
	for _, in := range inds {
		out[in.Level] = append(out[in.Level], in)
	}
	for _, l := range out {
		sort.Slice(l, func(i, j int) bool { return l[i].Seq < l[j].Seq })
	}
	return out
}

// rubricOf makes the CFRubric of an item's level indicators: one criterion about the item, a level for each
// scale level that has indicators.
func rubricOf(it *Item, byLevel map[int][]Indicator, u uris, changed string) map[string]any {
	rid, cid := rubricID(it.ID).String(), criterionID(it.ID).String()
	var lids map[string]any
	if how, ok := it.CaseExtra[xRubric].(map[string]any); ok {
		rid, _ = how["rubric"].(string)
		cid, _ = how["criterion"].(string)
		lids, _ = how["levels"].(map[string]any)
		if c, ok := how["lastChangeDateTime"].(string); ok {
			changed = c
		}
	}
	rubricURI := u.of("CFRubrics", rid)
	levels := []any{}
	for level := LevelNovice; level <= LevelExpert; level++ {
		inds := byLevel[level]
		if len(inds) == 0 {
			continue
		}
		lid := levelID(it.ID, level).String()
		if s, ok := lids[strconv.Itoa(level)].(string); ok {
			lid = s
		}
		cs, en := make([]any, len(inds)), make([]any, len(inds))
		lines := make([]string, len(inds))
		anyEN := false
		for i, in := range inds {
			cs[i], en[i], lines[i] = in.TextCS, in.TextEN, in.TextCS
			anyEN = anyEN || in.TextEN != ""
		}
		ext := map[string]any{"indicators_cs": cs}
		if anyEN {
			ext["indicators_en"] = en
		}
		levels = append(levels, map[string]any{
			"identifier": lid, "uri": rubricURI + "#" + lid, "description": strings.Join(lines, "\n"),
			"quality": levelQuality[level], "score": level, "position": level, "rubricCriterionId": cid,
			"lastChangeDateTime": changed, "extensions": []any{map[string]any{extKey: ext}},
		})
	}
	title := it.NameCS
	if it.Code != "" {
		title = it.Code + " " + it.NameCS
	}
	crit := map[string]any{
		"identifier": cid, "uri": rubricURI + "#" + cid, "category": "Behaviorální indikátory",
		"description": it.NameCS, "position": 1, "rubricId": rid, "lastChangeDateTime": changed,
		"CFItemURI":               map[string]any{"title": it.NameCS, "identifier": it.ID.String(), "uri": u.of("CFItems", it.ID.String())},
		"CFRubricCriterionLevels": levels,
	}
	return map[string]any{
		"identifier": rid, "uri": rubricURI, "title": title, "lastChangeDateTime": changed,
		"description":      "Behaviorální indikátory podle úrovní: 1 Začínající, 2 Samostatný, 3 Zkušený, 4 Expert.",
		"CFRubricCriteria": []any{crit},
	}
}

// itemTypeDescriptions describe rozvoj's own item types.
var itemTypeDescriptions = map[string]string{
	"Domain":     "Oblast kompetenčního modelu (domain): skupina příbuzných kompetencí.",
	"Competency": "Kompetence (competency) s behaviorálními indikátory pro úrovně 1–4.",
}

// Package builds the whole CFPackage of a framework version.
func (e *exporter) Package(items []Item, inds []Indicator, assocs []Association) map[string]any {
	byParent := map[uuid.UUID][]*Item{}
	byID := make(map[uuid.UUID]*Item, len(items))
	for i := range items {
		byID[items[i].ID] = &items[i]
	}
	var roots []*Item
	for i := range items {
		it := &items[i]
		if it.ParentID == nil || byID[*it.ParentID] == nil {
			roots = append(roots, it)
		} else {
			byParent[*it.ParentID] = append(byParent[*it.ParentID], it)
		}
	}
	order := func(l []*Item) {
		sort.SliceStable(l, func(i, j int) bool {
			if l[i].Seq != l[j].Seq {
				return l[i].Seq < l[j].Seq
			}
			return l[i].Code < l[j].Code
		})
	}
	order(roots)
	cfItems := make([]any, 0, len(items))
	cfAssocs := make([]any, 0, len(items)+len(assocs))
	var ordered []*Item
	var walk func(it *Item, parent *Item, depth int)
	walk = func(it *Item, parent *Item, depth int) {
		ordered = append(ordered, it)
		cfItems = append(cfItems, e.item(it))
		if it.CaseExtra[xOrphan] != true {
			cfAssocs = append(cfAssocs, e.childOf(it, parent))
		}
		kids := byParent[it.ID]
		order(kids)
		if depth < 64 {
			for _, k := range kids {
				walk(k, it, depth+1)
			}
		}
	}
	for _, r := range roots {
		var parent *Item
		if r.ParentID != nil {
			parent = byID[*r.ParentID]
		}
		walk(r, parent, 0)
	}
	for i := range assocs {
		cfAssocs = append(cfAssocs, e.association(&assocs[i]))
	}

	pkg := map[string]any{}
	if extra, ok := e.f.CaseExtra[xPackage].(map[string]any); ok {
		for k, v := range extra {
			pkg[k] = v
		}
	}
	if _, ok := pkg["CFDefinitions"]; !ok && e.own {
		var types []any
		seen := map[string]bool{}
		for _, it := range ordered {
			if it.ItemType == "" || seen[it.ItemType] {
				continue
			}
			seen[it.ItemType] = true
			desc := itemTypeDescriptions[it.ItemType]
			if desc == "" {
				desc = it.ItemType
			}
			id := itemTypeID(it.ItemType).String()
			types = append(types, map[string]any{
				"identifier": id, "uri": e.u.of("CFItemTypes", id), "title": it.ItemType, "description": desc,
				"hierarchyCode": strconv.Itoa(len(types) + 1), "typeCode": it.ItemType, "lastChangeDateTime": e.changed,
			})
		}
		if types == nil {
			types = []any{}
		}
		pkg["CFDefinitions"] = map[string]any{"CFItemTypes": types}
	}

	byItem := map[uuid.UUID][]Indicator{}
	for _, in := range inds {
		byItem[in.CompetencyID] = append(byItem[in.CompetencyID], in)
	}
	rubrics := []any{}
	for _, it := range ordered {
		if l := byItem[it.ID]; len(l) > 0 {
			rubrics = append(rubrics, rubricOf(it, indicatorsByLevel(l), e.u, e.changed))
		}
	}
	if kept, ok := e.f.CaseExtra[xRubrics].([]any); ok {
		rubrics = append(rubrics, kept...)
	}

	pkg["CFDocument"] = e.document()
	pkg["CFItems"] = cfItems
	pkg["CFAssociations"] = cfAssocs
	if len(rubrics) > 0 || e.own {
		pkg["CFRubrics"] = rubrics
	}
	relink(pkg, e.index(pkg))
	return pkg
}

// index maps the identifier of every object of a package to its address on this server.
func (e *exporter) index(pkg map[string]any) map[string]string {
	idx := map[string]string{}
	add := func(list any, kind string) {
		l, _ := list.([]any)
		for _, v := range l {
			if m, ok := v.(map[string]any); ok {
				if id, ok := m["identifier"].(string); ok {
					idx[strings.ToLower(id)] = e.u.of(kind, id)
				}
			}
		}
	}
	idx[e.f.ID.String()] = e.u.of("CFDocuments", e.f.ID.String())
	add(pkg["CFItems"], "CFItems")
	add(pkg["CFAssociations"], "CFAssociations")
	add(pkg["CFRubrics"], "CFRubrics")
	if defs, ok := pkg["CFDefinitions"].(map[string]any); ok {
		for _, kind := range definitionKinds {
			add(defs[kind], kind)
		}
	}
	// A rubric's criteria and levels live inside the rubric's own address.
	rubrics, _ := pkg["CFRubrics"].([]any)
	for _, r := range rubrics {
		rm, _ := r.(map[string]any)
		rid, _ := rm["identifier"].(string)
		crits, _ := rm["CFRubricCriteria"].([]any)
		for _, c := range crits {
			cm, _ := c.(map[string]any)
			if cid, ok := cm["identifier"].(string); ok {
				idx[strings.ToLower(cid)] = e.u.of("CFRubrics", rid) + "#" + cid
			}
			levels, _ := cm["CFRubricCriterionLevels"].([]any)
			for _, l := range levels {
				lm, _ := l.(map[string]any)
				if lid, ok := lm["identifier"].(string); ok {
					idx[strings.ToLower(lid)] = e.u.of("CFRubrics", rid) + "#" + lid
				}
			}
		}
	}
	return idx
}

// definitionKinds are the CFDefinitions lists; each kind has its own address under /ims/case/v1p1.
var definitionKinds = []string{"CFItemTypes", "CFConcepts", "CFSubjects", "CFLicenses", "CFAssociationGroupings"}

// CASEKinds are the CASE objects this server answers for by identifier beside documents, packages and items.
var CASEKinds = append([]string{"CFAssociations", "CFRubrics"}, definitionKinds...)

var errCASENotFound = httpx.NotFound("No published CASE object has this identifier.")

// ExportCASE is the CFPackage of a framework version, its addresses under base (this server's URL). Drafts are
// exported only when withDrafts is set (never through the public API).
func (s *Service) ExportCASE(ctx context.Context, id uuid.UUID, base string, withDrafts bool) (map[string]any, error) {
	f, err := s.store.framework(ctx, s.db, id)
	if err == errNotFound || (err == nil && f.Status == Draft && !withDrafts) {
		return nil, errCASENotFound
	} else if err != nil {
		return nil, err
	}
	return s.packageOf(ctx, f, base)
}

func (s *Service) packageOf(ctx context.Context, f *Framework, base string) (map[string]any, error) {
	items, err := s.store.items(ctx, s.db, f.ID)
	if err != nil {
		return nil, err
	}
	inds, err := s.store.indicators(ctx, s.db, f.ID)
	if err != nil {
		return nil, err
	}
	assocs, err := s.store.associations(ctx, s.db, f.ID)
	if err != nil {
		return nil, err
	}
	return newExporter(f, base).Package(items, inds, assocs), nil
}

// caseFrameworks lists the versions a CASE consumer may read (published and retired), newest first.
func (s *Service) caseFrameworks(ctx context.Context) ([]Framework, error) {
	var out []Framework
	err := s.db.NewSelect().Model(&out).Where("f.status <> ?", Draft).
		OrderExpr("f.status = 'published' DESC, f.published_on IS NULL, f.published_on DESC, f.created_at DESC").Scan(ctx)
	return out, err
}

// CASEDocuments lists the CFDocuments of every published or retired version.
func (s *Service) CASEDocuments(ctx context.Context, base string) ([]any, error) {
	fs, err := s.caseFrameworks(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]any, 0, len(fs))
	for i := range fs {
		out = append(out, newExporter(&fs[i], base).documentWithPackage())
	}
	return out, nil
}

// documentWithPackage is the CFDocument as getCFDocument answers it: with the address of its package.
func (e *exporter) documentWithPackage() map[string]any {
	d := e.document()
	d["CFPackageURI"] = map[string]any{"title": e.f.TitleCS, "identifier": e.f.ID.String(), "uri": e.u.of("CFPackages", e.f.ID.String())}
	return d
}

// CASEDocument is one published or retired version's CFDocument.
func (s *Service) CASEDocument(ctx context.Context, id uuid.UUID, base string) (map[string]any, error) {
	f, err := s.store.framework(ctx, s.db, id)
	if err == errNotFound || (err == nil && f.Status == Draft) {
		return nil, errCASENotFound
	} else if err != nil {
		return nil, err
	}
	d := newExporter(f, base).documentWithPackage()
	relink(d, map[string]string{})
	return d, nil
}

// CASEItem is a CFItem from the newest published version that holds it (an item keeps its identifier across
// versions), with the address of that version's document.
func (s *Service) CASEItem(ctx context.Context, id uuid.UUID, base string) (map[string]any, error) {
	var fs []Framework
	err := s.db.NewSelect().Model(&fs).
		Where("f.status <> ?", Draft).
		Where("EXISTS (SELECT 1 FROM framework_items AS i WHERE i.framework_id = f.id AND i.id = ?)", id).
		OrderExpr("f.status = 'published' DESC, f.published_on IS NULL, f.published_on DESC, f.created_at DESC").
		Limit(1).Scan(ctx)
	if err != nil {
		return nil, err
	}
	if len(fs) == 0 {
		return nil, errCASENotFound
	}
	pkg, err := s.packageOf(ctx, &fs[0], base)
	if err != nil {
		return nil, err
	}
	it := find(pkg["CFItems"], id.String())
	if it == nil {
		return nil, errCASENotFound
	}
	it["CFDocumentURI"] = newExporter(&fs[0], base).docLink()
	return it, nil
}

// CASEObject finds an association, rubric or definition by identifier in the published versions, newest first.
func (s *Service) CASEObject(ctx context.Context, kind string, id uuid.UUID, base string) (map[string]any, error) {
	fs, err := s.caseFrameworks(ctx)
	if err != nil {
		return nil, err
	}
	for i := range fs {
		pkg, err := s.packageOf(ctx, &fs[i], base)
		if err != nil {
			return nil, err
		}
		var list any
		switch kind {
		case "CFAssociations", "CFRubrics":
			list = pkg[kind]
		default:
			defs, _ := pkg["CFDefinitions"].(map[string]any)
			list = defs[kind]
		}
		if m := find(list, id.String()); m != nil {
			if kind == "CFAssociations" {
				m["CFDocumentURI"] = newExporter(&fs[i], base).docLink()
			}
			return m, nil
		}
	}
	return nil, errCASENotFound
}

func find(list any, id string) map[string]any {
	l, _ := list.([]any)
	for _, v := range l {
		if m, ok := v.(map[string]any); ok {
			if s, _ := m["identifier"].(string); strings.EqualFold(s, id) {
				return m
			}
		}
	}
	return nil
}
