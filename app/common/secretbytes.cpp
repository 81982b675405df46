// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/secretbytes.h"

#include <cstring>
#include <new>
#include <sodium.h>
#include <utility>

namespace bv {

SecretBytes::SecretBytes(std::size_t size)
    : m_size(size)
{
    if (size == 0)
        return;
    m_data = static_cast<std::uint8_t *>(sodium_malloc(size));
    if (!m_data)
        throw std::bad_alloc();
    sodium_memzero(m_data, size);
}

SecretBytes::SecretBytes(const std::uint8_t *data, std::size_t size)
    : SecretBytes(size)
{
    if (size)
        std::memcpy(m_data, data, size);
}

SecretBytes SecretBytes::fromView(QByteArrayView bytes)
{
    return SecretBytes(reinterpret_cast<const std::uint8_t *>(bytes.data()),
                       static_cast<std::size_t>(bytes.size()));
}

SecretBytes SecretBytes::random(std::size_t size)
{
    SecretBytes secret(size);
    if (size)
        randombytes_buf(secret.m_data, size);
    return secret;
}

SecretBytes::~SecretBytes()
{
    wipe();
}

SecretBytes::SecretBytes(SecretBytes &&other) noexcept
    : m_data(std::exchange(other.m_data, nullptr))
    , m_size(std::exchange(other.m_size, 0))
{}

SecretBytes &SecretBytes::operator=(SecretBytes &&other) noexcept
{
    if (this != &other) {
        wipe();
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
    }
    return *this;
}

bool SecretBytes::equals(const SecretBytes &other) const
{
    if (m_size != other.m_size)
        return false;
    return m_size == 0 || sodium_memcmp(m_data, other.m_data, m_size) == 0;
}

SecretBytes SecretBytes::toHex() const
{
    SecretBytes hex(m_size * 2 + 1); // sodium_bin2hex writes a terminating NUL
    sodium_bin2hex(reinterpret_cast<char *>(hex.data()), hex.size(), m_data, m_size);
    SecretBytes trimmed(hex.data(), m_size * 2);
    return trimmed;
}

void SecretBytes::wipe()
{
    if (m_data)
        sodium_free(m_data); // zeroes before release
    m_data = nullptr;
    m_size = 0;
}

} // namespace bv
