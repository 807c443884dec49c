"""add reactions

Revision ID: 5d9b02c6e4aa
Revises: a1c4e7f20b31
Create Date: 2023-11-02 08:47:30.902114

"""
from alembic import op
import sqlalchemy as sa

revision = "5d9b02c6e4aa"
down_revision = "a1c4e7f20b31"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "reactions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["post_id"], ["posts.id"]),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id", "post_id", name="uq_reaction"),
    )


def downgrade():
    op.drop_table("reactions")
