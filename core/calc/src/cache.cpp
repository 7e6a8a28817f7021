// The évaluation cache (cache.hpp).
//
// The arguments are written once into one flat key (shape, then each cell: a tag and its bytes),
// hashed a word at a time and compared with memcmp: cheaper than hashing and copying the ranges
// cell by cell (an évaluation that misses the cache pays for it, see bench/bench_core.cpp).
#include "cache.hpp"

#include "eci/calc/arguments.hpp"

#include <cstring>
#include <list>
#include <mutex>
#include <string>

namespace eci::calc {

namespace {

constexpr std::uint64_t kGraine = 1469598103934665603ull;

// Mixes one 64-bit word into h (a multiply-xorshift step: every input bit reaches the state).
std::uint64_t melanger(std::uint64_t h, std::uint64_t x) {
    h = (h ^ x) * 0x9E3779B97F4A7C15ull;
    return h ^ (h >> 29);
}

// Bytes in 8-byte words, then the tail and the length.
std::uint64_t hacher(std::uint64_t h, const char* p, std::size_t n) {
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        std::uint64_t x;
        std::memcpy(&x, p + i, 8);
        h = melanger(h, x);
    }
    std::uint64_t reste = 0;
    for (std::size_t k = 0; i + k < n; ++k) reste |= std::uint64_t(static_cast<unsigned char>(p[i + k])) << (8 * k);
    return melanger(h, reste ^ (std::uint64_t(n) << 56));
}

// The key of an évaluation's arguments: each range's shape, then per cell a tag (0 empty, 1 number,
// 2 text) and its bytes. Two calls with equal arguments have equal keys. Sized first, then written
// through a pointer (no append per cell).
class Ecrivain {
public:
    static std::size_t taille(const Plage& p) {
        std::size_t n = 2 * sizeof(std::size_t);
        for (const Cellule& c : p.cellules) {
            if (std::holds_alternative<double>(c)) n += 1 + sizeof(double);
            else if (auto s = std::get_if<std::string>(&c)) n += 1 + sizeof(std::uint32_t) + s->size();
            else n += 1;
        }
        return n;
    }
    static std::size_t taille(const Optionnel& o) { return 1 + (o ? taille(*o) : 0); }

    explicit Ecrivain(char* p) : p_(p) {}
    void ecrire(const Plage& p) {
        brut(p.lignes);
        brut(p.colonnes);
        for (const Cellule& c : p.cellules) {
            if (auto d = std::get_if<double>(&c)) {
                *p_++ = 1;
                brut(*d);
            } else if (auto s = std::get_if<std::string>(&c)) {
                *p_++ = 2;
                brut(static_cast<std::uint32_t>(s->size()));
                std::memcpy(p_, s->data(), s->size());
                p_ += s->size();
            } else {
                *p_++ = 0;
            }
        }
    }
    void ecrire(const Optionnel& o) {
        *p_++ = o ? 1 : 0;
        if (o) ecrire(*o);
    }

private:
    template <class T>
    void brut(const T& v) {
        std::memcpy(p_, &v, sizeof v);
        p_ += sizeof v;
    }
    char* p_;
};

std::string cleDe(const Entrees& e) {
    std::string cle(Ecrivain::taille(e.ids) + Ecrivain::taille(e.statuts) + Ecrivain::taille(e.details) +
                        Ecrivain::taille(e.contexte) + Ecrivain::taille(e.referentiel),
                    '\0');
    Ecrivain w(cle.data());
    w.ecrire(e.ids);
    w.ecrire(e.statuts);
    w.ecrire(e.details);
    w.ecrire(e.contexte);
    w.ecrire(e.referentiel);
    return cle;
}

// The last few évaluations, most recent first.
class Cache {
public:
    std::shared_ptr<Evaluation> obtenir(const Entrees& e) {
        std::string cle = cleDe(e);
        const std::uint64_t h = hacher(kGraine, cle.data(), cle.size());
        {
            std::lock_guard<std::mutex> v(m_);
            for (auto it = entrees_.begin(); it != entrees_.end(); ++it) {
                if (it->h == h && it->cle == cle) {
                    entrees_.splice(entrees_.begin(), entrees_, it);
                    return entrees_.front().ev;
                }
            }
        }
        auto ev = calculer(e);
        std::lock_guard<std::mutex> v(m_);
        ++calculees_;
        entrees_.push_front(Entree{h, std::move(cle), ev});
        while (entrees_.size() > 4) entrees_.pop_back();
        return ev;
    }
    std::size_t calculees() {
        std::lock_guard<std::mutex> v(m_);
        return calculees_;
    }

private:
    struct Entree {
        std::uint64_t h;
        std::string cle;
        std::shared_ptr<Evaluation> ev;
    };
    std::mutex m_;
    std::list<Entree> entrees_;
    std::size_t calculees_ = 0;
};

Cache& cache() {
    static Cache c;
    return c;
}

}  // namespace

std::uint64_t empreinte(const Plage& p) {
    std::string cle(Ecrivain::taille(p), '\0');
    Ecrivain(cle.data()).ecrire(p);
    return hacher(kGraine, cle.data(), cle.size());
}

std::shared_ptr<Evaluation> evaluationEnCache(const Entrees& e) { return cache().obtenir(e); }

std::shared_ptr<Evaluation> evaluationEntiere(const Entrees& e) {
    auto ev = evaluationEnCache(e);
    for (std::size_t l = 0; l < e.ids.lignes; ++l)
        if (ev->noeudLigne[l] == -2)
            throw ErreurArgument("ids/statuts, " + ligneNo(l) + " : " + ev->raisonLigne[l] + ".");
    return ev;
}

std::shared_ptr<Evaluation> evaluationEntiere(const Plage& ids, const Plage& statuts, const Optionnel& details,
                                              const Optionnel& contexte, const Optionnel& referentiel) {
    return evaluationEntiere(Entrees{ids, statuts, normalise(details), normalise(contexte), normalise(referentiel)});
}

std::size_t evaluationsCalculees() { return cache().calculees(); }

}  // namespace eci::calc
