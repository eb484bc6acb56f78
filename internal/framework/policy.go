package framework

import "github.com/rozvoj/rozvoj/internal/auth"

// The competency model's authorization, in one place. Everyone signed in reads published versions; the
// methodologists (and the operator) keep the model: drafts, publishing, imports. A published version never
// changes, so its national profiles do not either; a region's methodologist refines profiles for the region.

func canSeeDrafts(p *auth.Principal) bool { return canManage(p) }

func canManage(p *auth.Principal) bool { return p.Has(auth.Methodologist) || p.IsGlobalAdmin() }

// canEditProfile: a regional refinement by that region's methodologist; a national profile only while its
// framework is a draft.
func canEditProfile(p *auth.Principal, f *Framework, region string) bool {
	if f.Status == Retired {
		return false
	}
	if region != "" {
		return p.MethodologistOf(region) || p.IsGlobalAdmin()
	}
	return f.Status == Draft && canManage(p)
}
