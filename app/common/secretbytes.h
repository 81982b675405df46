// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>

#include <cstddef>
#include <cstdint>

namespace bv {

// Key material in guarded, locked memory (sodium_malloc: mlock'd, guard pages, wiped on
// free). Move-only so that no copy outlives the original; never converted to QString.
class SecretBytes
{
public:
    SecretBytes() = default;
    explicit SecretBytes(std::size_t size);
    SecretBytes(const std::uint8_t *data, std::size_t size);
    static SecretBytes fromView(QByteArrayView bytes);
    static SecretBytes random(std::size_t size);
    ~SecretBytes();

    SecretBytes(SecretBytes &&other) noexcept;
    SecretBytes &operator=(SecretBytes &&other) noexcept;
    SecretBytes(const SecretBytes &) = delete;
    SecretBytes &operator=(const SecretBytes &) = delete;

    std::uint8_t *data() { return m_data; }
    const std::uint8_t *data() const { return m_data; }
    std::size_t size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    QByteArrayView view() const { return {m_data, static_cast<qsizetype>(m_size)}; }

    // Constant-time comparison.
    bool equals(const SecretBytes &other) const;
    // Lower-case hex, still in locked memory.
    SecretBytes toHex() const;
    // Wipes and releases now rather than at destruction (lock, close).
    void wipe();

private:
    std::uint8_t *m_data = nullptr;
    std::size_t m_size = 0;
};

} // namespace bv
