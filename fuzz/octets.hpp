// The byte reader under every fuzz target's decoder: the fuzz input read front to back, zeros
// once it is exhausted (so that any input decodes to some arguments).
#pragma once

#include <cstdint>
#include <cstring>
#include <string>

struct Octets {
    const uint8_t* d;
    size_t n;
    size_t i = 0;

    Octets(const uint8_t* donnees, size_t taille) : d(donnees), n(taille) {}

    uint8_t octet() { return i < n ? d[i++] : 0; }
    bool fin() const { return i >= n; }

    // Raw bytes as a text: a length below `max` read from the input, then that many bytes.
    std::string brut(size_t max) {
        const size_t longueur = octet() % max;
        std::string s;
        for (size_t j = 0; j < longueur && !fin(); ++j) s += static_cast<char>(octet());
        return s;
    }

    // The next 8 bytes as the bits of a double: any value, NaN, infinities and denormals included.
    double bits64() {
        uint64_t b = 0;
        for (int k = 0; k < 8; ++k) b = (b << 8) | octet();
        double x;
        static_assert(sizeof x == sizeof b);
        std::memcpy(&x, &b, sizeof x);
        return x;
    }
};
