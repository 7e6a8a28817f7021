// The French message of the ErreurArgument a call throws, for tests that compare it.
#pragma once

#include <functional>
#include <string>

#include "eci/calc/plage.hpp"

namespace eci::calc::test {

inline std::string message(const std::function<void()>& f) {
    try {
        f();
    } catch (const ErreurArgument& e) {
        return e.what();
    }
    return "(pas d'erreur)";
}

}  // namespace eci::calc::test
