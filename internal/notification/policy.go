package notification

import (
	"github.com/google/uuid"

	"github.com/rozvoj/rozvoj/internal/auth"
)

// The notifications' authorization, in one place (PRODUCT.md §3): a person's notices and e-mail choices are
// theirs alone. Every role may read and change their own; nobody, not an admin, reads or marks another's,
// and another person's notice is "not found" rather than "forbidden", so its existence does not leak. Every
// query is scoped by owner, so there is nothing else to check.
func owner(p *auth.Principal) uuid.UUID { return p.UserID }
