package training

import "testing"

// The MPSV accreditation number's shape: the older year/number-field and the newer A-prefixed form with a
// four-digit number and one to four field codes.
func TestAccreditationShape(t *testing.T) {
	good := []string{"2010/743-SP", "2015/0001-PC", "1999/5-SP", "A2024/0123-SP/PC/PP", "A2019/4567-SP", "A2021/0001-VP/SP"}
	bad := []string{"", "2010/743", "2010-743-SP", "10/743-SP", "2010/74356-SP", "2010/743-XX", "2010/743-sp",
		"A2024/123-SP", "B2024/0123-SP", "A2024/0123-SP/", "A2024/0123-SP/PC/PP/VP/SP", " 2010/743-SP", "2010/743-SP\n",
		"A2024/0123–SP", "2310/743-SP"}
	for _, s := range good {
		if !accreditationShape.MatchString(s) {
			t.Errorf("%q should be a valid accreditation number", s)
		}
	}
	for _, s := range bad {
		if accreditationShape.MatchString(s) {
			t.Errorf("%q should not be a valid accreditation number", s)
		}
	}
}
