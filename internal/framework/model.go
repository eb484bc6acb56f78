// Package framework keeps the competency model (kompetenční model): versioned frameworks of domains (oblasti)
// and competencies (kompetence) with behavioural indicators per level, the position profiles that say which
// level each position expects, and their exchange as 1EdTech CASE 1.1.
package framework

import (
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/database"
)

// Framework states: a draft is edited by methodologists; a published version is immutable; a retired one
// stays readable because assessments point to it.
const (
	Draft     = "draft"
	Published = "published"
	Retired   = "retired"
)

// Item kinds.
const (
	KindDomain     = "domain"     // oblast
	KindCompetency = "competency" // kompetence
	KindOther      = "other"      // any other CFItemType of an imported framework
)

// Levels of the scale (PRODUCT.md "Scale"); "not applicable" is not a level.
const (
	LevelNovice      = 1 // Začínající
	LevelIndependent = 2 // Samostatný
	LevelExperienced = 3 // Zkušený
	LevelExpert      = 4 // Expert
)

// Framework is one version of a competency model.
type Framework struct {
	bun.BaseModel `bun:"table:frameworks,alias:f"`

	ID            uuid.UUID      `bun:"id,pk" json:"id"`
	LineageID     uuid.UUID      `bun:"lineage_id" json:"lineage_id"`
	PreviousID    *uuid.UUID     `bun:"previous_id" json:"previous_id"`
	Version       string         `bun:"version" json:"version"`
	Status        string         `bun:"status" json:"status"`
	TitleCS       string         `bun:"title_cs" json:"title_cs"`
	TitleEN       string         `bun:"title_en" json:"title_en"`
	DescriptionCS string         `bun:"description_cs" json:"description_cs"`
	DescriptionEN string         `bun:"description_en" json:"description_en"`
	Publisher     string         `bun:"publisher" json:"publisher"`
	Language      string         `bun:"language" json:"language"`
	PublishedOn   *database.Date `bun:"published_on" json:"published_on"`
	Source        string         `bun:"source" json:"source"`
	ContentHash   string         `bun:"content_hash" json:"-"`
	CaseExtra     map[string]any `bun:"case_extra,type:jsonb" json:"-"`
	Revision      int            `bun:"revision" json:"revision"`
	CreatedAt     time.Time      `bun:"created_at" json:"created_at"`
	UpdatedAt     time.Time      `bun:"updated_at" json:"updated_at"`
}

// Item is a domain, a competency or another node of a framework's tree.
type Item struct {
	bun.BaseModel `bun:"table:framework_items,alias:i"`

	FrameworkID   uuid.UUID      `bun:"framework_id,pk" json:"-"`
	ID            uuid.UUID      `bun:"id,pk" json:"id"`
	ParentID      *uuid.UUID     `bun:"parent_id" json:"parent_id"`
	Seq           int            `bun:"seq" json:"seq"`
	Kind          string         `bun:"kind" json:"kind"`
	ItemType      string         `bun:"item_type" json:"item_type"`
	Code          string         `bun:"code" json:"code"`
	NameCS        string         `bun:"name_cs" json:"name_cs"`
	NameEN        string         `bun:"name_en" json:"name_en"`
	DescriptionCS string         `bun:"description_cs" json:"description_cs"`
	DescriptionEN string         `bun:"description_en" json:"description_en"`
	SearchText    string         `bun:"search_text" json:"-"`
	CaseExtra     map[string]any `bun:"case_extra,type:jsonb" json:"-"`
}

// Indicator is one observable behaviour of a competency at a level (behaviorální indikátor).
type Indicator struct {
	bun.BaseModel `bun:"table:competency_indicators,alias:ci"`

	FrameworkID  uuid.UUID `bun:"framework_id,pk" json:"-"`
	CompetencyID uuid.UUID `bun:"competency_id,pk" json:"-"`
	Level        int       `bun:"level,pk" json:"level"`
	Seq          int       `bun:"seq,pk" json:"-"`
	TextCS       string    `bun:"text_cs" json:"text_cs"`
	TextEN       string    `bun:"text_en" json:"text_en"`
}

// Link is one end of an association (CASE LinkURI); it may point outside rozvoj.
type Link struct {
	Identifier string `json:"identifier"`
	URI        string `json:"uri"`
	Title      string `json:"title"`
}

// Association relates an item to another item or an outside concept (exactMatchOf an ESCO occupation, …).
type Association struct {
	bun.BaseModel `bun:"table:framework_associations,alias:a"`

	FrameworkID uuid.UUID      `bun:"framework_id,pk" json:"-"`
	ID          uuid.UUID      `bun:"id,pk" json:"id"`
	Type        string         `bun:"type" json:"type"`
	Origin      Link           `bun:"origin,type:jsonb" json:"origin"`
	Destination Link           `bun:"destination,type:jsonb" json:"destination"`
	Seq         *int           `bun:"seq" json:"seq,omitempty"`
	CaseExtra   map[string]any `bun:"case_extra,type:jsonb" json:"-"`
}

// Profile is the expected level per competency for a position; RegionCode refines the national profile.
type Profile struct {
	bun.BaseModel `bun:"table:position_profiles,alias:pp"`

	ID          uuid.UUID  `bun:"id,pk" json:"id"`
	FrameworkID uuid.UUID  `bun:"framework_id" json:"framework_id"`
	PositionID  uuid.UUID  `bun:"position_id" json:"position_id"`
	RegionCode  *string    `bun:"region_code" json:"region_code"`
	Revision    int        `bun:"revision" json:"revision"`
	UpdatedAt   time.Time  `bun:"updated_at" json:"updated_at"`
	UpdatedBy   *uuid.UUID `bun:"updated_by" json:"updated_by"`
}

// ProfileLevel is one competency's expected level in a profile; a nil Level means not applicable.
type ProfileLevel struct {
	bun.BaseModel `bun:"table:profile_levels,alias:pl"`

	ProfileID    uuid.UUID `bun:"profile_id,pk" json:"-"`
	CompetencyID uuid.UUID `bun:"competency_id,pk" json:"competency_id"`
	Level        *int      `bun:"level" json:"level"`
}
