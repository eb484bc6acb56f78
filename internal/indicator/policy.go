package indicator

import (
	"github.com/rozvoj/rozvoj/internal/auth"
	"github.com/rozvoj/rozvoj/internal/httpx"
)

var errNotFound = httpx.NotFound("No organisation or region with this identifier is visible to you.")

// seesOrganization: the global admin, the organisation's admins and the methodologist of its region.
func seesOrganization(p *auth.Principal, o organization) bool {
	return p.AdminOf(o.ID) || (o.RegionCode != nil && p.MethodologistOf(*o.RegionCode))
}

// seesRegion: the global admin and the region's methodologist.
func seesRegion(p *auth.Principal, code string) bool {
	return p.IsGlobalAdmin() || p.MethodologistOf(code)
}
