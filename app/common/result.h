// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/errorcode.h"

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace bv {

// What went wrong, for a person to read: the message names what and where, never personal data.
struct Error
{
    ErrorCode code = ErrorCode::Failure;
    QString message;
};

// A value or an Error, returned across module boundaries (C++20 has no std::expected).
template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_state(std::move(value))
    {}
    Result(Error error)
        : m_state(std::move(error))
    {}

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    T &value() & { return std::get<T>(m_state); }
    const T &value() const & { return std::get<T>(m_state); }
    T &&value() && { return std::get<T>(std::move(m_state)); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }

    const Error &error() const { return std::get<Error>(m_state); }

private:
    std::variant<T, Error> m_state;
};

template<>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error)
        : m_error(std::move(error))
    {}

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

inline Error makeError(ErrorCode code, QString message)
{
    return Error{code, std::move(message)};
}

} // namespace bv

// Early return of a failed Result from a function that returns a Result of another type.
#define BV_TRY(expr)                                                                               \
    do {                                                                                           \
        auto &&bvTryResult_ = (expr);                                                              \
        if (!bvTryResult_.ok())                                                                    \
            return bvTryResult_.error();                                                           \
    } while (false)
