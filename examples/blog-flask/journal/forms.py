from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    PasswordField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional, Regexp, ValidationError

from journal.models import User


class LoginForm(FlaskForm):
    username = StringField("Username", validators=[DataRequired()])
    password = PasswordField("Password", validators=[DataRequired()])
    remember = BooleanField("Keep me signed in")
    submit = SubmitField("Sign in")


class RegistrationForm(FlaskForm):
    username = StringField(
        "Username",
        validators=[DataRequired(), Length(3, 40), Regexp(r"^[a-z0-9_]+$", message="a-z, 0-9 and _ only")],
    )
    email = StringField("Email", validators=[DataRequired(), Email()])
    password = PasswordField("Password", validators=[DataRequired(), Length(min=10)])
    confirm = PasswordField("Repeat password", validators=[EqualTo("password")])
    submit = SubmitField("Join the club")

    def validate_username(self, field):
        if User.query.filter_by(username=field.data).first():
            raise ValidationError("That username is taken.")


class ChangePasswordForm(FlaskForm):
    current = PasswordField("Current password", validators=[DataRequired()])
    new = PasswordField("New password", validators=[DataRequired(), Length(min=10)])
    confirm = PasswordField("Repeat new password", validators=[EqualTo("new")])
    submit = SubmitField("Change password")


class PostForm(FlaskForm):
    title = StringField("Title", validators=[DataRequired(), Length(max=200)])
    summary = StringField("Summary", validators=[Optional(), Length(max=300)])
    category_id = SelectField("Category", coerce=int, validators=[Optional()])
    tags = StringField("Tags (comma separated)", validators=[Optional()])
    body = TextAreaField("Body (Markdown)", validators=[DataRequired()])
    publish = BooleanField("Publish")
    submit = SubmitField("Save")


class CommentForm(FlaskForm):
    body = TextAreaField("Comment", validators=[DataRequired(), Length(max=2000)])
    submit = SubmitField("Comment")


class ProfileForm(FlaskForm):
    display_name = StringField("Display name", validators=[Optional(), Length(max=80)])
    bio = TextAreaField("About you", validators=[Optional(), Length(max=1000)])
    submit = SubmitField("Save profile")
