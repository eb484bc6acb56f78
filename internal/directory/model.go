// Package directory keeps organisations, teams, people, their positions and their roles in scopes.
package directory

import (
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/database"
)

// Organisation kinds (druh organizace).
const (
	KindMinistry     = "ministry"     // ministerstvo (MPSV)
	KindRegion       = "region"       // krajský úřad
	KindMunicipality = "municipality" // obecní úřad obce s rozšířenou působností (ORP)
	KindProvider     = "provider"     // vzdělavatel s akreditací MPSV
	KindNGO          = "ngo"          // pověřená osoba (nestátní organizace)
)

// Organization is an office, NGO or training provider; IČO is its identification number.
type Organization struct {
	bun.BaseModel `bun:"table:organizations"`

	ID         uuid.UUID  `bun:"id,pk" json:"id"`
	Kind       string     `bun:"kind" json:"kind"`
	Name       string     `bun:"name" json:"name"`
	SearchText string     `bun:"search_text" json:"-"`
	ICO        string     `bun:"ico" json:"ico"`
	ParentID   *uuid.UUID `bun:"parent_id" json:"parent_id"`
	RegionCode *string    `bun:"region_code" json:"region_code"`
	Active     bool       `bun:"active" json:"active"`
	Version    int        `bun:"version" json:"version"`
	CreatedAt  time.Time  `bun:"created_at" json:"created_at"`
	UpdatedAt  time.Time  `bun:"updated_at" json:"updated_at"`
}

// Position is a job position (pozice) that a position profile of the competency model is written for.
type Position struct {
	bun.BaseModel `bun:"table:positions"`

	ID     uuid.UUID `bun:"id,pk" json:"id" yaml:"id"`
	Code   string    `bun:"code" json:"code" yaml:"code"`
	NameCS string    `bun:"name_cs" json:"name_cs" yaml:"name_cs"`
	NameEN string    `bun:"name_en" json:"name_en" yaml:"name_en"`
	Sort   int       `bun:"sort" json:"-" yaml:"-"`
}

// User is a person who signs in. A person who leaves is deactivated, never deleted.
type User struct {
	bun.BaseModel `bun:"table:users,alias:u"`

	ID             uuid.UUID      `bun:"id,pk" json:"id"`
	Email          string         `bun:"email" json:"email"`
	Name           string         `bun:"name" json:"name"`
	SearchText     string         `bun:"search_text" json:"-"`
	PasswordHash   string         `bun:"password_hash,nullzero" json:"-"`
	OrganizationID *uuid.UUID     `bun:"organization_id" json:"organization_id"`
	PositionID     *uuid.UUID     `bun:"position_id" json:"position_id"`
	EmploymentType *string        `bun:"employment_type" json:"employment_type"` // official (úředník, zák. 312/2002 Sb.) | employee
	HiredOn        *database.Date `bun:"hired_on" json:"hired_on"`
	ProbationEnd   *database.Date `bun:"probation_end" json:"probation_end"` // konec zkušební doby
	FTE            *float64       `bun:"fte" json:"fte"`                     // úvazek
	LeftOn         *database.Date `bun:"left_on" json:"left_on"`
	Active         bool           `bun:"active" json:"active"`
	Version        int            `bun:"version" json:"version"`
	CreatedAt      time.Time      `bun:"created_at" json:"created_at"`
	UpdatedAt      time.Time      `bun:"updated_at" json:"updated_at"`

	Roles   []RoleView  `bun:"-" json:"roles"`
	TeamIDs []uuid.UUID `bun:"-" json:"team_ids"`
	// The employer's name and the position's Czech name, so that a list of people (and its file) reads without
	// looking the IDs up.
	OrganizationName *string `bun:"-" json:"organization_name"`
	PositionName     *string `bun:"-" json:"position_name"`
}

// RoleAssignment is a role in its scope as stored.
type RoleAssignment struct {
	bun.BaseModel `bun:"table:role_assignments"`

	ID             uuid.UUID  `bun:"id,pk"`
	UserID         uuid.UUID  `bun:"user_id"`
	Role           auth.Role  `bun:"role"`
	OrganizationID *uuid.UUID `bun:"organization_id"`
	TeamID         *uuid.UUID `bun:"team_id"`
	RegionCode     *string    `bun:"region_code"`
	CreatedAt      time.Time  `bun:"created_at"`
}

// RoleView is a role with the names of its scope, as people read it.
type RoleView struct {
	UserID           uuid.UUID  `bun:"user_id" json:"-"`
	Role             auth.Role  `bun:"role" json:"role"`
	OrganizationID   *uuid.UUID `bun:"organization_id" json:"organization_id,omitempty"`
	OrganizationName *string    `bun:"organization_name" json:"organization_name,omitempty"`
	TeamID           *uuid.UUID `bun:"team_id" json:"team_id,omitempty"`
	TeamName         *string    `bun:"team_name" json:"team_name,omitempty"`
	RegionCode       *string    `bun:"region_code" json:"region_code,omitempty"`
}

// Team is a department or team (oddělení, tým) of an organisation, with its leads and members.
type Team struct {
	bun.BaseModel `bun:"table:teams"`

	ID             uuid.UUID `bun:"id,pk" json:"id"`
	OrganizationID uuid.UUID `bun:"organization_id" json:"organization_id"`
	Name           string    `bun:"name" json:"name"`
	SearchText     string    `bun:"search_text" json:"-"`
	Active         bool      `bun:"active" json:"active"`
	Version        int       `bun:"version" json:"version"`
	CreatedAt      time.Time `bun:"created_at" json:"created_at"`
	UpdatedAt      time.Time `bun:"updated_at" json:"updated_at"`

	Leads   []PersonRef `bun:"-" json:"leads"`
	Members []PersonRef `bun:"-" json:"members"`
}

// PersonRef names a person in a list (a team's leads and members).
type PersonRef struct {
	TeamID       uuid.UUID `bun:"team_id" json:"-"`
	ID           uuid.UUID `bun:"id" json:"id"`
	Name         string    `bun:"name" json:"name"`
	PositionCode *string   `bun:"position_code" json:"position_code"`
	Active       bool      `bun:"active" json:"active"`
}

type teamMember struct {
	bun.BaseModel `bun:"table:team_members"`

	TeamID uuid.UUID `bun:"team_id,pk"`
	UserID uuid.UUID `bun:"user_id,pk"`
}
