package directory

import (
	"slices"

	"github.com/go-playground/validator/v10"

	"github.com/rozvoj/rozvoj/internal/httpx"
)

// Region is one of the 14 kraje, by its CZ-NUTS 3 code.
type Region struct {
	Code   string `json:"code"`
	NameCS string `json:"name_cs"`
	NameEN string `json:"name_en"`
}

// Regions are the 14 kraje of the Czech Republic (CZ-NUTS 3).
var Regions = []Region{
	{"CZ010", "Hlavní město Praha", "Prague"},
	{"CZ020", "Středočeský kraj", "Central Bohemian Region"},
	{"CZ031", "Jihočeský kraj", "South Bohemian Region"},
	{"CZ032", "Plzeňský kraj", "Plzeň Region"},
	{"CZ041", "Karlovarský kraj", "Karlovy Vary Region"},
	{"CZ042", "Ústecký kraj", "Ústí nad Labem Region"},
	{"CZ051", "Liberecký kraj", "Liberec Region"},
	{"CZ052", "Královéhradecký kraj", "Hradec Králové Region"},
	{"CZ053", "Pardubický kraj", "Pardubice Region"},
	{"CZ063", "Kraj Vysočina", "Vysočina Region"},
	{"CZ064", "Jihomoravský kraj", "South Moravian Region"},
	{"CZ071", "Olomoucký kraj", "Olomouc Region"},
	{"CZ072", "Zlínský kraj", "Zlín Region"},
	{"CZ080", "Moravskoslezský kraj", "Moravian-Silesian Region"},
}

// IsRegion reports whether code is one of the 14 kraje.
func IsRegion(code string) bool {
	return slices.ContainsFunc(Regions, func(r Region) bool { return r.Code == code })
}

// ValidICO checks an IČO: 8 digits whose last is the mod-11 check digit of the first seven (weights 8…2).
func ValidICO(s string) bool {
	if len(s) != 8 {
		return false
	}
	sum := 0
	for i := 0; i < 8; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
		if i < 7 {
			sum += int(s[i]-'0') * (8 - i)
		}
	}
	return int(s[7]-'0') == (11-sum%11)%10
}

func init() {
	httpx.RegisterValidation("ico", "IČO must be 8 digits with a valid check digit.",
		func(fl validator.FieldLevel) bool { return ValidICO(fl.Field().String()) })
	httpx.RegisterValidation("region", "Use the CZ-NUTS 3 code of one of the 14 regions, e.g. CZ063.",
		func(fl validator.FieldLevel) bool { return IsRegion(fl.Field().String()) })
}

// RegionName is a region's Czech name; an unknown code stands for itself.
func RegionName(code string) string {
	for _, r := range Regions {
		if r.Code == code {
			return r.NameCS
		}
	}
	return code
}
