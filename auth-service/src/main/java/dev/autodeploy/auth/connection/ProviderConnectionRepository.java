package dev.autodeploy.auth.connection;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface ProviderConnectionRepository extends JpaRepository<ProviderConnection, UUID> {

    @Query("select c from ProviderConnection c where c.provider = :provider and c.providerAccountId = :accountId")
    Optional<ProviderConnection> findByAccount(String provider, String accountId);

    @Query("select c from ProviderConnection c where c.userId = :userId and c.provider = :provider")
    Optional<ProviderConnection> findByUser(UUID userId, String provider);

    @Query("select c from ProviderConnection c where c.userId = :userId order by c.provider")
    List<ProviderConnection> findAllOf(UUID userId);

    @Modifying
    @Query("delete from ProviderConnection c where c.userId = :userId and c.provider = :provider")
    int deleteOf(UUID userId, String provider);
}
