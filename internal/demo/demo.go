// Package demo makes the demo data set: a region with its offices, an NGO, a training provider, about thirty
// people, and one login per role, so a newcomer can try every screen (PRODUCT.md §5).
package demo

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/uptrace/bun"

	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/database"
	"github.com/rozvoj/rozvoj/internal/directory"
	"github.com/rozvoj/rozvoj/internal/httpx"
)

// Login is one demo sign-in.
type Login struct {
	Email string
	Role  string // in Czech, for the printed list
}

// Logins are the demo sign-ins, one per role; all share one password.
var Logins = []Login{
	{"pracovnice@demo.rozvoj.cz", "sociální pracovnice OSPOD (worker)"},
	{"vedouci@demo.rozvoj.cz", "vedoucí oddělení (lead)"},
	{"vzdelavatel@demo.rozvoj.cz", "vzdělavatel (provider)"},
	{"supervizor@demo.rozvoj.cz", "supervizor (supervisor)"},
	{"metodik@demo.rozvoj.cz", "metodička kraje (methodologist)"},
	{"admin@demo.rozvoj.cz", "správce (admin)"},
}

// system acts for the seed: an operator without a user record (audit records show no actor).
var system = &auth.Principal{Grants: []auth.Grant{{Role: auth.Admin}}}

const regionICO = "70890749" // Kraj Vysočina

// Seed creates the demo data in one transaction, or, when it exists already, only sets the logins' password,
// so every start of `make run` prints logins that work. It reports whether it created the data.
func Seed(ctx context.Context, db bun.IDB, password string) (created bool, err error) {
	err = db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		dir := directory.NewService(tx)
		existing, err := dir.Organizations(ctx, system, directory.OrganizationQuery{Q: regionICO}, httpx.PageRequest{Limit: 1})
		if err != nil {
			return err
		}
		if len(existing.Items) == 1 {
			return setPasswords(ctx, dir, password)
		}
		created = true
		if err := build(ctx, dir, password); err != nil {
			return err
		}
		if err := seedHistory(ctx, tx); err != nil {
			return err
		}
		if err := seedTraining(ctx, tx); err != nil {
			return err
		}
		if err := seedSupport(ctx, tx); err != nil {
			return err
		}
		return seedSupervision(ctx, tx, database.Now())
	})
	return created, err
}

func setPasswords(ctx context.Context, dir *directory.Service, password string) error {
	for _, l := range Logins {
		page, err := dir.Users(ctx, system, directory.UserQuery{Q: l.Email}, httpx.PageRequest{Limit: 1})
		if err != nil {
			return err
		}
		if len(page.Items) == 0 {
			return fmt.Errorf("demo login %s is missing; start on an empty database", l.Email)
		}
		u := page.Items[0]
		if _, err := dir.UpdateUser(ctx, system, u.ID, u.Version, directory.UserPatch{Password: &password}); err != nil {
			return err
		}
	}
	return nil
}

// PrintLogins writes the sign-in list people see at start.
func PrintLogins(w io.Writer, baseURL, password string) {
	var b strings.Builder
	fmt.Fprintf(&b, "\nrozvoj demo: %s\n", baseURL)
	for _, l := range Logins {
		fmt.Fprintf(&b, "  %-28s %s\n", l.Email, l.Role)
	}
	fmt.Fprintf(&b, "  heslo / password: %s\n\n", password)
	_, _ = io.WriteString(w, b.String())
}

// describe says which demo record failed, with the fields a problem names.
func describe(what string, err error) error {
	return fmt.Errorf("demo %s: %w", what, httpx.Describe(err))
}
